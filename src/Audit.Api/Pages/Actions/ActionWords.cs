using Audit.Api.Features.Actions;
using Audit.Domain.Actions;
using Audit.Domain.Grading;
using Audit.Api.Pages.Audits;
using Audit.Domain.Teams;

namespace Audit.Api.Pages.Actions;

/// <summary>How the managers' pages put grades, statuses, states and dates into words.</summary>
public static class ActionWords
{
    // Grades, roles, service areas and dates read the same on every page: the audit pages' words serve here too.
    public static string Grade(Grade grade) => AuditWords.Of(grade);

    public static string Grader(GraderRole role) => AuditWords.Of(role);

    public static string Date(DateOnly date) => AuditWords.Date(date);

    public static string Date(DateTimeOffset at) => AuditWords.Date(at);

    /// <summary>The tags that say where an action is, in words: an escalated action that runs late is both.</summary>
    public static IReadOnlyList<TagModel> Tags(ActionDto action)
    {
        var tags = new List<TagModel>();
        switch (action.Status)
        {
            case ActionStatus.Escalated:
                tags.Add(new TagModel("Escalated", "red"));
                break;
            case ActionStatus.Closed:
                tags.Add(new TagModel("Closed", "green"));
                break;
            case ActionStatus.Cancelled:
                tags.Add(new TagModel("Cancelled", "grey"));
                break;
            default:
                break;
        }

        if (action.Overdue)
        {
            tags.Add(new TagModel("Overdue", "orange"));
        }

        if (tags.Count == 0)
        {
            tags.Add(new TagModel("Open", "blue"));
        }

        return tags;
    }

    public static bool IsOpen(this ActionDto action) => action.Status is ActionStatus.Open or ActionStatus.Escalated;

    public static string Status(ActionDto action) => string.Join(", ", Tags(action).Select(t => t.Text));

    public static string AuditState(string state) => state switch
    {
        "Grading" => "Being graded",
        "Moderation" => "Waiting for moderation",
        "ActionsOpen" => "Follow-up actions open",
        "Completed" => "Completed",
        "Cancelled" => "Cancelled",
        _ => state,
    };

    public static string ServiceArea(ServiceArea area) => AuditWords.Of(area);
}

/// <summary>A list of follow-up actions, each linking to its page, with where it is in words.</summary>
public sealed record ActionListModel(IReadOnlyList<ActionDto> Actions, bool ShowTeam);
