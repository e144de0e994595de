using System.Globalization;
using Audit.Api.Pages.Audits;
using Audit.Workflows.Simulation;

namespace Audit.Api.Pages.Workflows;

/// <summary>How the workflow pages say things: paths, versions, days and the steps of a try.</summary>
public static class WorkflowWords
{
    public static string Path(string name, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"/workflows/{Uri.EscapeDataString(name)}/versions/{version}");

    public static string Versions(int count) => count == 1 ? "1 version" : string.Create(CultureInfo.InvariantCulture, $"{count} versions");

    public static string Published(DateTimeOffset? at) => at is { } when ? $"Published {AuditWords.DateTime(when)}" : "Not published in this service's records";

    public static string Day(int day) => day switch
    {
        0 => "Day 0, the day the audit starts",
        1 => "Day 1 after the start",
        _ => string.Create(CultureInfo.InvariantCulture, $"Day {day} after the start"),
    };

    public static string StepHeading(SimulationStep step) => step.From.Length == 0
        ? $"Starts in {step.To}"
        : step.From == step.To ? $"Stays in {step.To}" : $"{step.From} to {step.To}";

    /// <summary>"YoungAssessor" as "Young assessor".</summary>
    public static string Role(string role) => role switch
    {
        "PrincipalSocialWorker" => "Principal social worker",
        "YoungAssessor" => "Young assessor",
        "TeamManager" => "Team manager",
        "ServiceManager" => "Service manager",
        "system" => "The service (a timer)",
        _ => role,
    };

    public static string Roles(IEnumerable<string> roles) => string.Join(" or ", roles.Select(Role));

    public static string None(IReadOnlyCollection<string> lines) => lines.Count == 0 ? "None" : string.Join(" ", lines);
}
