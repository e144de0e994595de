using Audit.Workflows.Runtime;

namespace Audit.Workflows.Catalogue;

/// <summary>A named step run on entering a state. Given its parameters, it yields the effect the host applies.</summary>
public interface IActivity
{
    string Name { get; }

    string Description { get; }

    IReadOnlyList<ParameterSpec> Parameters { get; }

    Effect Create(Parameters parameters);
}
