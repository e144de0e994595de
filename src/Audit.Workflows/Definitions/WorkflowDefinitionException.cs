namespace Audit.Workflows.Definitions;

/// <summary>One thing wrong with a definition: the file, the JSON path inside it, and the problem.</summary>
public sealed record WorkflowDefinitionError(string Source, string Path, string Problem)
{
    public override string ToString() => $"{Source}: {Path}: {Problem}";
}

/// <summary>Every error found in the definitions, reported at once.</summary>
public sealed class WorkflowDefinitionException(IReadOnlyList<WorkflowDefinitionError> errors)
    : Exception("Workflow definitions are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<WorkflowDefinitionError> Errors { get; } = errors;
}
