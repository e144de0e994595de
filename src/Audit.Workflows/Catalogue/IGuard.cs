using Audit.Workflows.Runtime;

namespace Audit.Workflows.Catalogue;

/// <summary>A named condition a transition can require. Given its parameters, it answers for an audit's facts.</summary>
public interface IGuard
{
    string Name { get; }

    string Description { get; }

    IReadOnlyList<ParameterSpec> Parameters { get; }

    Func<AuditFacts, bool> Bind(Parameters parameters);
}
