namespace Audit.Workflows.Catalogue;

/// <summary>The triggers the host knows how to fire. A definition may use only these.</summary>
public static class Triggers
{
    public const string SubmitGrading = "submitGrading";
    public const string Moderate = "moderate";
    public const string CloseAction = "closeAction";
    public const string Cancel = "cancel";

    public static readonly IReadOnlyList<string> All = [SubmitGrading, Moderate, CloseAction, Cancel];
}
