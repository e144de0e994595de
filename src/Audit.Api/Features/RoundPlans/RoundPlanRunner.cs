using Audit.Api.Features.Rounds;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Tenancy;
using Audit.Api.Workflows;
using Audit.Domain.Calendar;
using Audit.Domain;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.RoundPlans;

/// <summary>
/// Opens the rounds recurring plans are due. Each plan opens at most one round a pass, for its latest tick: periods
/// missed while the service was down are caught up once. The tick is recorded in the same transaction as the
/// round, under the plan's concurrency token, so two instances never open the same period twice. Several instances may
/// share one database: on PostgreSQL the transaction first claims the plan's row with <c>FOR UPDATE</c>, so an instance
/// that finds another opening the plan's round waits for it (plans are few, and a round opens in moments), then reads the
/// plan as it now stands and finds the period opened, rather than sampling the same round only to lose at the save; on
/// SQLite (one process) the transaction holds the writer gate. Either way, once a pass returns, the due rounds are open.
/// </summary>
public sealed partial class RoundPlanRunner(IServiceScopeFactory scopes, TimerOptions options, TimeProvider clock, WorkerStart start, ILogger<RoundPlanRunner> logger)
    : PeriodicWorker(clock, start, logger)
{
    protected override bool RunsInBackground => options.RunInBackground;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.IntervalSeconds);

    protected override Task RunPassAsync(CancellationToken ct) => OpenDueAsync(ct);

    public async Task<int> OpenDueAsync(CancellationToken ct)
    {
        List<(Guid Id, string Council)> plans;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // Every council's plans; each opens its round in its own council (Tenancy.CurrentCouncil).
            plans = (await scope.ServiceProvider.GetRequiredService<AuditDbContext>().RoundPlans.InEveryCouncil().Where(p => p.Active)
                .Select(p => new { p.Id, Council = EF.Property<string>(p, CouncilModel.Property) }).ToListAsync(ct))
                .Select(p => (p.Id, p.Council)).ToList();
        }

        var opened = 0;
        foreach (var (id, council) in plans)
        {
            await using var scope = scopes.CreateAsyncScope();
            using var inCouncil = scope.ServiceProvider.GetRequiredService<CurrentCouncil>().Enter(council);
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            await using var transaction = await db.BeginWriteTransactionAsync(ct);
            var plan = db.Database.IsSqlite()
                ? await db.RoundPlans.SingleOrDefaultAsync(p => p.Id == id && p.Active, ct)
                : await db.RoundPlans.FromSql($"""SELECT * FROM "RoundPlans" WHERE "Id" = {id} AND "Active" FOR UPDATE""").IgnoreQueryFilters().SingleOrDefaultAsync(ct);
            var now = Clock.GetUtcNow();
            if (plan?.DueOpening(now) is not { } due)
            {
                // Deleted or paused since the list was read, being opened by another instance, or not due.
                continue;
            }

            var tick = due.UtcDateTime;
            plan.RecordOpened(due);
            try
            {
                await scope.ServiceProvider.GetRequiredService<RoundOpener>().OpenAsync(
                    new PlanRound(
                        $"{plan.Name} ({tick:yyyy-MM-dd})",
                        plan.TemplateId,
                        scope.ServiceProvider.GetRequiredService<CouncilCalendar>().DaysFrom(due, plan.DueInDays),
                        null,
                        new SampleInput(plan.SamplePerTeam, plan.ServiceAreas, plan.Teams, plan.SampleExcludeAuditedWithinMonths, null),
                        null,
                        null,
                        plan.Auditors,
                        plan.YoungAssessors.Count == 0 ? null : plan.YoungAssessors,
                        null,
                        plan.SecondMarkingPercent),
                    plan.CreatedBy,
                    ct);
                await transaction.CommitAsync(ct);
                opened++;
            }
            catch (Exception ex) when (ex is InvalidFieldException or DomainRuleException or DomainConflictException or DbUpdateException)
            {
                // Lost the race to another instance (concurrency), or the period has nothing to sample: either way nothing
                // was saved. The reason's kind, not its message: the message can name people and teams.
                Refused(logger, plan.Id, tick, ex.GetType().Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                NotOpened(logger, plan.Id, tick, ex);
            }
        }

        return opened;
    }

    // The plan's id, not its name: a name is typed by a person and may say anything.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Round plan {PlanId} did not open its round for {Tick}")]
    private static partial void NotOpened(ILogger logger, Guid planId, DateTime tick, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Round plan {PlanId} did not open its round for {Tick}: {Reason}")]
    private static partial void Refused(ILogger logger, Guid planId, DateTime tick, string reason);
}
