using Audit.Workflows.Definitions;
using Stateless.Graph;

namespace Audit.Workflows.Runtime;

/// <summary>A Mermaid state diagram of a definition, drawn by Stateless from the same machine the runtime fires.</summary>
public static class MermaidDiagram
{
    private const string StartMarker = "[*] -->";

    /// <summary>
    /// <c>stateDiagram-v2</c> text: the start, then every transition labelled with its trigger and guards (a stay is
    /// drawn as a loop, a fallback as "otherwise"), then each final state pointing to the end.
    /// </summary>
    public static string Render(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var machine = CompiledWorkflow.For(definition).Machine(new MachineRun { State = definition.InitialState });
        var lines = MermaidGraph.Format(machine.GetInfo())
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .ToList();

        // Stateless puts the start after the transitions and leaves it unindented; put it first, in line with the rest.
        var body = lines.Skip(1).Where(l => l.StartsWith(StartMarker, StringComparison.Ordinal))
            .Concat(lines.Skip(1).Where(l => !l.StartsWith(StartMarker, StringComparison.Ordinal)))
            .Concat(definition.States.Where(s => s.Final).Select(s => $"{s.Name} --> [*]"));
        return string.Join('\n', new[] { lines[0] }.Concat(body.Select(l => "\t" + l))) + "\n";
    }
}
