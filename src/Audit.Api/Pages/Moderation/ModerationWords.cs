using Audit.Api.Features.Moderation;

namespace Audit.Api.Pages.Moderation;

/// <summary>How the moderation pages say why an audit needs moderation.</summary>
public static class ModerationWords
{
    public static string Path(Guid auditId) => $"/moderation/{auditId}";

    /// <summary>"Criterion 3, I am involved: the graders are 2 points apart."</summary>
    public static string Reason(ModerationReasonDto reason) =>
        $"Criterion {reason.Position + 1}, {reason.Criterion}: {char.ToLowerInvariant(reason.Text[0])}{reason.Text[1..]}";
}
