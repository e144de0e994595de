using Microsoft.AspNetCore.DataProtection;

namespace Audit.Api.Infrastructure;

/// <summary>What the start leaves until after the service is ready (bench/README.md, "Start-up and idle memory").</summary>
internal static class StartupWork
{
    private static readonly bool Tracing = Environment.GetEnvironmentVariable("AUDIT_STARTUP_TRACE") == "1";

    /// <summary>
    /// With <c>AUDIT_STARTUP_TRACE=1</c>, marks the start of <c>Main</c> and, with <c>AUDIT_STARTUP_TRACE_ASSEMBLY</c>
    /// (<c>*</c> or part of a name), which code loads each assembly the start should perhaps not need.
    /// </summary>
    public static void BeginTrace()
    {
        if (!Tracing)
        {
            return;
        }

        var wanted = Environment.GetEnvironmentVariable("AUDIT_STARTUP_TRACE_ASSEMBLY");
        if (wanted is { Length: > 0 })
        {
            AppDomain.CurrentDomain.AssemblyLoad += (_, loaded) =>
            {
                var name = loaded.LoadedAssembly.GetName().Name ?? string.Empty;
                if (wanted == "*")
                {
                    Mark($"loaded {name}");
                }
                else if (name.Contains(wanted, StringComparison.Ordinal))
                {
                    Console.Error.WriteLine($"startup: {name} loaded by{Environment.NewLine}{Environment.StackTrace}");
                }
            };
        }

        Mark("Main");
    }

    /// <summary>
    /// With <c>AUDIT_STARTUP_TRACE=1</c> in the environment, writes the process's processor and wall time so far with
    /// <paramref name="step"/> to standard error: where a start spends its time (bench/README.md).
    /// </summary>
    public static void Mark(string step)
    {
        if (Tracing)
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            var wall = DateTime.Now - process.StartTime;
            Console.Error.WriteLine($"startup: {process.TotalProcessorTime.TotalMilliseconds,6:0} ms processor, {wall.TotalMilliseconds,6:0} ms wall: {step}");
        }
    }

    private const string KeyRingAtStart = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>
    /// The service has Razor Pages and minimal-API endpoints but no MVC controllers, so MVC need not look for any: the
    /// controller search examines every type of the service's assembly when the route table is first built (at start).
    /// Call it after the last <c>AddRazorPages</c> or <c>AddMvcCore</c>, which would put the search back.
    /// </summary>
    public static IServiceCollection WithoutControllerDiscovery(this IServiceCollection services)
    {
        foreach (var parts in services.Select(s => s.ImplementationInstance).OfType<Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPartManager>())
        {
            foreach (var controllers in parts.FeatureProviders.OfType<Microsoft.AspNetCore.Mvc.Controllers.ControllerFeatureProvider>().ToList())
            {
                parts.FeatureProviders.Remove(controllers);
            }
        }

        return services;
    }

    /// <summary>
    /// Data Protection is made when something is first protected or unprotected (a sign-in, a form), not at start:
    /// <list type="bullet">
    /// <item>its key ring is read from the database then, not by ASP.NET Core's hosted service before the service
    /// listens (a query and its compilation);</item>
    /// <item>its provider and key manager are made then, not when the pages' services are resolved (making the key
    /// manager loads System.Private.Xml and reads its options).</item>
    /// </list>
    /// The keys, where they are kept and how instances share them do not change. Call it after the last
    /// <c>AddDataProtection</c>, <c>AddAuthentication</c>, <c>AddAntiforgery</c> or <c>AddRazorPages</c>: each of them
    /// adds the hosted service again when it is missing.
    /// </summary>
    public static IServiceCollection WithDataProtectionOnFirstUse(this IServiceCollection services)
    {
        foreach (var service in services.Where(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType?.FullName == KeyRingAtStart).ToList())
        {
            services.Remove(service);
        }

        var made = services.Single(s => s.ServiceType == typeof(IDataProtectionProvider));
        if (made.ImplementationFactory is not { } make)
        {
            throw new InvalidOperationException("Data Protection's provider is not made by a factory; it cannot be made on first use.");
        }

        services.Remove(made);
        services.AddSingleton<IDataProtectionProvider>(provider => new LazyDataProtectionProvider(() => (IDataProtectionProvider)make(provider)));
        return services;
    }

    /// <summary>
    /// Once the service has started and the periodic workers have made their first passes, one full compacting
    /// collection hands the start's garbage (the EF model, the workflow files, the route table's building, the workers'
    /// first queries' compilation) back to the operating system: idle memory is what the service
    /// keeps, not what it once needed.
    /// </summary>
    /// <remarks>
    /// <c>Startup:CollectAfterStart</c> (default true) turns it off where many hosts share one process, as the tests'
    /// do: there each host's start would stop every other host for a collection of the whole process's heap.
    /// </remarks>
    public static void ReturnStartMemoryOnceStarted(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Startup:CollectAfterStart", defaultValue: true))
        {
            return;
        }

        var workers = app.Services.GetRequiredService<WorkerStart>();
        app.Lifetime.ApplicationStarted.Register(() => _ = CollectAsync(workers.FirstPassesMade));

        // After the periodic workers' first passes (their first queries' compilation leaves garbage too), or at once.
        static async Task CollectAsync(Task firstPassesMade)
        {
            await firstPassesMade.ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            if (Tracing)
            {
                var heap = GC.GetGCMemoryInfo(GCKind.Any);
                Mark($"start's garbage collected: heap {heap.HeapSizeBytes / 1048576.0:0.0} MiB, committed {heap.TotalCommittedBytes / 1048576.0:0.0} MiB");
            }
        }
    }
}
