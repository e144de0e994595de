using System.Text.Json.Nodes;

namespace Audit.Api.Tests.Performance;

/// <summary>
/// The runtime settings the service is built with (its csproj), read from the runtime configuration its process starts
/// with: the figures in bench/README.md were measured with them.
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static JsonObject ConfigProperties()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Audit.Api.runtimeconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        return config["runtimeOptions"]!["configProperties"]!.AsObject();
    }

    [Fact]
    public void IdleThreadPoolWorkersWaitWithoutSpinning()
    {
        // Spinning took about a tenth of the service's processor time beside its database ("Several instances").
        ConfigProperties()["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public void TheServiceRunsOneWorkstationHeapWithoutABackgroundCollector()
    {
        var properties = ConfigProperties();
        properties["System.GC.Server"]!.GetValue<bool>().ShouldBeFalse();
        properties["System.GC.Concurrent"]!.GetValue<bool>().ShouldBeFalse();
    }
}
