using Audit.Api.Persistence;

namespace Audit.Api.Features.RecordKeeping;

public static class RecordKeepingSetup
{
    public static IServiceCollection AddRecordKeeping(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(RecordKeepingOptions.Section).Get<RecordKeepingOptions>() ?? new RecordKeepingOptions();
        services.AddSingleton(options);
        services.AddSingleton(new RecordKeepingPaths(
            options, RecordKeepingPaths.DataFolder(configuration.GetConnectionString(DatabaseSetup.ConnectionStringName), environment.ContentRootPath)));
        services.AddSingleton<AnchorRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<AnchorRunner>());
        return services;
    }
}
