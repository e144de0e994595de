using Audit.Api.Features.Templates;
using Audit.Api.Pages.Audits;

namespace Audit.Api.Pages.Templates;

/// <summary>How the template pages put a template's status, target and graders into words.</summary>
public static class TemplateWords
{
    public static TagModel Status(TemplateDto template) =>
        template.RetiredAt is null ? new TagModel("Active", "green") : new TagModel("Retired", "grey");

    public static string Target(TargetDto target) => $"{target.Percent}% of audits graded {AuditWords.Of(target.AtLeast)} or better";

    public static string Graders(TemplateDto template)
    {
        var names = template.Graders.Order().Select(AuditWords.Of).ToList();
        var words = string.Join(" and ", names);
        return words.Length == 0 ? "" : words[..1] + words[1..].ToLowerInvariant();
    }

    public static string Criteria(int count) => count == 1 ? "1 criterion" : $"{count} criteria";

    public static string Saved(TemplateDto template) => $"{AuditWords.Date(template.CreatedAt)} by {template.CreatedBy}";

    public static string Path(Guid id) => $"/templates/{id}";
}
