using Audit.Workflows.Definitions;
using Stateless.Graph;

namespace Audit.Workflows.Runtime;

/// <summary>A Mermaid state diagram of a definition, drawn by Stateless from the same machine the runtime fires.</summary>
public static class MermaidDiagram
{
    public static string Render(WorkflowDefinition definition)
    {
        var state = definition.InitialState;
        var machine = CompiledWorkflow.For(definition).Machine(() => state, s => state = s, facts: null, collected: null);
        var diagram = MermaidGraph.Format(machine.GetInfo()).TrimEnd();
        var finals = definition.States.Where(s => s.Final).Select(s => $"\t{s.Name} --> [*]");
        return string.Join('\n', new[] { diagram }.Concat(finals)) + "\n";
    }
}
