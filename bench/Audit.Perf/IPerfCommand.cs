namespace Audit.Perf;

/// <summary>One benchmark: measures the product and its baseline in the same run and prints both and their ratio.</summary>
public interface IPerfCommand
{
    /// <summary>The word that runs it: <c>dotnet run -c Release --project bench/Audit.Perf -- NAME</c>.</summary>
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct);
}
