using System.Text.Json.Serialization;
using Audit.Api.Auth;
using Audit.Api.Features.Actions;
using Audit.Api.Features.Audits;
using Audit.Api.Features.CaseFiles;
using Audit.Api.Features.Dashboard;
using Audit.Api.Features.Demo;
using Audit.Api.Features.Evidence;
using Audit.Api.Features.Exports;
using Audit.Api.Features.Moderation;
using Audit.Api.Features.Notifications;
using Audit.Api.Features.Practice;
using Audit.Api.Features.RecordKeeping;
using Audit.Api.Features.Reports;
using Audit.Api.Features.RoundPlans;
using Audit.Api.Features.Rounds;
using Audit.Api.Features.Staff;
using Audit.Api.Features.SubjectAccess;
using Audit.Api.Features.Teams;
using Audit.Api.Features.Templates;
using Audit.Api.Features.Workflows;
using Audit.Api.Infrastructure;
using Audit.Api.Infrastructure.Telemetry;
using Audit.Api.Notifications;
using Audit.Api.Pages;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Calendar;
using Audit.Workflows.Definitions;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

// Settings are read once, at start. Watching them for changes would watch the whole content root, where the SQLite
// file lives: every write would wake the watcher (measured: a third of a grading's CPU time under load).
// "backup", "restore", "anchor" and "verify" run an operator's command with the service's settings, then exit.
var command = RecordCommands.Parse(args);
StartupWork.BeginTrace();
var builder = WebApplication.CreateBuilder([.. command?.HostArgs ?? args, "--hostBuilder:reloadConfigOnChange=false"]);
StartupWork.Mark("builder created");

// Numbers are numbers: the web defaults also read "5" as 5, which would make every number in the OpenAPI document
// "integer or string". Enums travel as their names.
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
});
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.Configure<Audit.Api.Tenancy.TenancyOptions>(builder.Configuration.GetSection(Audit.Api.Tenancy.TenancyOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(CouncilCalendar.For(builder.Configuration["Council:TimeZone"]));
builder.AddAuditTelemetry();
StartupWork.Mark("telemetry");

builder.Services.AddAuditDatabase(builder.Configuration, builder.Environment);
StartupWork.Mark("database");

// One key ring for every instance on the database: a sign-in cookie or antiforgery token that one instance makes, the
// others read (README, "Several instances"). The application name keeps the ring the same whatever path each runs from.
builder.Services.AddDataProtection()
    .SetApplicationName(builder.Configuration["DataProtection:ApplicationName"] is { Length: > 0 } application ? application : "voice-of-the-child-audit")
    .PersistKeysToDbContext<AuditDbContext>();
builder.Services.AddAuditAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddAuditHardening(builder.Configuration, builder.WebHost);
builder.Services.AddAuditPages(builder.Configuration, builder.Environment);
builder.Services.AddRecordKeeping(builder.Configuration, builder.Environment);
StartupWork.Mark("auth, hardening, pages, record keeping");

builder.Services.Configure<WorkflowOptions>(builder.Configuration.GetSection(WorkflowOptions.Section));
builder.Services.AddSingleton<WorkflowRegistryHolder>();
builder.Services.AddScoped(sp => sp.GetRequiredService<WorkflowRegistryHolder>().Registry);
builder.Services.AddScoped<AuditWorkflow>();
builder.Services.AddScoped<EffectApplier>();
builder.Services.AddScoped<TimerScheduler>();
builder.Services.AddScoped<AccessLog>();
builder.Services.AddScoped<AuditAnswer>();
builder.Services.AddScoped<RoundOpener>();
builder.Services.AddScoped<Notifier>();
var notificationOptions = builder.Configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
builder.Services.AddSingleton(notificationOptions);
builder.Services.AddNotificationSender(notificationOptions);
builder.Services.AddSingleton(builder.Configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions());
builder.Services.AddSingleton(WorkerStart.From);
builder.Services.AddSingleton<OutboxDispatcher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
builder.Services.AddSingleton(builder.Configuration.GetSection(TimerOptions.Section).Get<TimerOptions>() ?? new TimerOptions());
builder.Services.AddSingleton<TimerRunner>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<TimerRunner>());
builder.Services.AddSingleton<RoundPlanRunner>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<RoundPlanRunner>());
StartupWork.Mark("workflow and runners");

// A rule stops at its first failure: "required" is reported alone, and later checks never see a missing value.
ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
StartupWork.Mark("validators");
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>)];
});

builder.Services.AddOpenApi(options =>
{
    options.AddAuditContract();
    options.AddOperationTransformer<IdempotencyKeyHeader>();
});
StartupWork.Mark("mediator and openapi");
// Ready: the database answers and holds every migration this build knows; a database that does not answer fails the
// check within 5 s rather than the driver's connect timeout.
builder.Services.AddHealthChecks().AddCheck<DatabaseReadiness>(DatabaseReadiness.Name, tags: ["ready"], timeout: TimeSpan.FromSeconds(5));

builder.Services.WithoutControllerDiscovery();
builder.Services.WithDataProtectionOnFirstUse();
var app = builder.Build();
StartupWork.Mark("built");
if (command is not null)
{
    Environment.ExitCode = await command.RunAsync(app, Console.Out);
    return;
}

try
{
    var demo = await app.InitialiseAsync();
    if (demo is not null && app.Configuration.GetValue("DemoData:Audits", false) && DemoAudits.Wanted(demo))
    {
        await DemoAudits.SeedAsync(app.Services, app.Services.GetRequiredService<TimeProvider>(), CancellationToken.None);
    }

    StartupWork.Mark("initialised");
}
catch (WorkflowDefinitionException invalid)
{
    // One readable line per problem, before the host gives up.
    Log.CannotStart(app.Logger, invalid.Message);
    throw;
}

app.UseAuditHardening();
app.UseAuditErrorPages();
app.UseStaticFiles();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseMiddleware<Idempotency>();
StartupWork.Mark("middleware");

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
StartupWork.Mark("openapi, scalar, health mapped");

if (app.Environment.IsDevelopment() && app.Services.GetService<TokenSigning>() is not null)
{
    app.MapDevAuth();
}

app.MapWorkflows();
app.MapTeams();
app.MapStaff();
app.MapCaseFiles();
app.MapEvidence();
app.MapTemplates();
app.MapRounds();
app.MapRoundPlans();
app.MapAudits();
app.MapModeration();
app.MapActions();
app.MapDashboard();
app.MapAgreementReport();
app.MapNotifications();
app.MapReports();
app.MapPractice();
app.MapPrintedReports();
app.MapExports();
app.MapRecordKeeping();
app.MapSubjectAccess();
StartupWork.Mark("features mapped");
app.MapRazorPages();
StartupWork.Mark("pages mapped");

app.ReturnStartMemoryOnceStarted();
app.Lifetime.ApplicationStarted.Register(() => StartupWork.Mark("started"));
await app.RunAsync();

/// <summary>Entry point; public so that the integration tests can host it.</summary>
public partial class Program;
