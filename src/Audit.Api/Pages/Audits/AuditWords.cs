using System.Globalization;
using Audit.Domain.CaseFiles;
using Audit.Domain.Grading;
using Audit.Domain.Teams;

namespace Audit.Api.Pages.Audits;

/// <summary>
/// How the audit pages name things: Ofsted's grades as written, service areas and stages as councils say them, dates
/// the GOV.UK way ("18 December 2026"), and the hints under each grade, in plain words for young assessors.
/// </summary>
public static class AuditWords
{
    // The service runs in invariant globalisation mode, whose month names are English.
    private static readonly CultureInfo British = CultureInfo.InvariantCulture;

    public static string Of(Grade grade) => grade switch
    {
        Grade.Outstanding => "Outstanding",
        Grade.Good => "Good",
        Grade.RequiresImprovement => "Requires improvement",
        Grade.Inadequate => "Inadequate",
        _ => grade.ToString(),
    };

    public static string Of(Grade? grade) => grade is { } g ? Of(g) : "Not answered";

    public static string Of(ServiceArea area) => area switch
    {
        ServiceArea.EarlyHelp => "Early Help",
        ServiceArea.ChildrenInNeed => "Children in Need",
        ServiceArea.ChildProtection => "Child Protection",
        ServiceArea.ChildrenLookedAfter => "Children Looked After",
        ServiceArea.CareLeavers => "Care Leavers",
        ServiceArea.ChildrenWithDisabilities => "Children with Disabilities",
        _ => area.ToString(),
    };

    public static string Of(Stage stage) => stage switch
    {
        Stage.Assessment => "Assessment",
        Stage.Plan => "Plan",
        Stage.Review => "Review",
        Stage.InitialChildProtectionConference => "Initial child protection conference",
        Stage.PathwayPlan => "Pathway plan",
        Stage.EhcPlan => "EHC plan",
        _ => stage.ToString(),
    };

    public static string Of(ChildAgeBand age) => age switch
    {
        ChildAgeBand.UnderFive => "Under 5",
        ChildAgeBand.FiveToNine => "5 to 9",
        ChildAgeBand.TenToFifteen => "10 to 15",
        ChildAgeBand.SixteenToSeventeen => "16 to 17",
        ChildAgeBand.EighteenToTwentyFive => "18 to 25",
        _ => age.ToString(),
    };

    public static string Of(GraderRole role) => role switch
    {
        GraderRole.Auditor => "Auditor",
        GraderRole.YoungAssessor => "Young assessor",
        GraderRole.SecondAuditor => "Second auditor (blind)",
        _ => role.ToString(),
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", British);

    public static string Date(DateTimeOffset at) => at.ToString("d MMMM yyyy", British);

    public static string DateTime(DateTimeOffset at) => at.ToString("d MMMM yyyy 'at' HH:mm", British);

    /// <summary>The scale best first, each with the hint a grader reads under it.</summary>
    public static IReadOnlyList<RadioItem> GradeItems(bool plainWords) =>
        [.. Features.Templates.TemplateMapper.GradeScale.Select(g => new RadioItem(g.ToString(), Of(g), Hint(g, plainWords)))];

    public static string Hint(Grade grade, bool plainWords) => (grade, plainWords) switch
    {
        (Grade.Outstanding, _) => "The child's voice is clear all through the record and changed what happened.",
        (Grade.Good, true) => "You can see what the child said, and it made a difference.",
        (Grade.RequiresImprovement, true) => "The child's voice is there in some places, but it did not change much.",
        (Grade.Inadequate, true) => "You cannot find the child's voice, or no one did anything about it.",
        (Grade.Good, false) => "The child's views are recorded and shaped the plan and decisions.",
        (Grade.RequiresImprovement, false) => "The child's views appear in places, but had little effect on decisions.",
        (Grade.Inadequate, false) => "The child's views are missing, or were recorded but not acted on.",
        _ => "",
    };
}
