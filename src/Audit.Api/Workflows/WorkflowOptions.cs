namespace Audit.Api.Workflows;

/// <summary>Bound from the "Workflows" section.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflows";

    /// <summary>The folder of definition files. Relative paths are resolved against the application's base folder.</summary>
    public string Path { get; set; } = "workflows";

    /// <summary>The workflow new audits start on (its newest version).</summary>
    public string Default { get; set; } = "case-file-audit";

    public string ResolvedPath() =>
        System.IO.Path.IsPathRooted(Path) ? Path : System.IO.Path.Combine(AppContext.BaseDirectory, Path);
}
