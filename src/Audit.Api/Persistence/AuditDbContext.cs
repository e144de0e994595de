using Audit.Api.Infrastructure;
using Audit.Api.Notifications;
using Audit.Api.Tenancy;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.CaseFiles;
using Audit.Domain.Notifications;
using Audit.Domain.Rounds;
using Audit.Domain.Teams;
using Audit.Domain.Templates;
using Audit.Domain.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Persistence;

/// <summary>
/// The service's database. On SQLite it is this class; on PostgreSQL, <see cref="PostgresAuditDbContext"/>, the same
/// model with its own migrations (Persistence/Migrations/Postgres). Code asks for this type whichever runs.
/// </summary>
public class AuditDbContext : DbContext, IDataProtectionKeyContext
{
    private ICurrentUser? currentUser;
    private TimeProvider? clock;
    private CurrentCouncil? council;
    private List<Action>? _afterCommit;

    /// <summary>
    /// For the pool of contexts (SQLite; <see cref="DatabaseSetup"/>), which needs this to be the one public constructor: a
    /// context made without a request, bound to each request's user and council when it is lent (<see cref="Bind"/>) and
    /// unbound when it is given back. Until it is bound, it answers no query and saves nothing.
    /// </summary>
    public AuditDbContext(DbContextOptions<AuditDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a derived context of another provider, whose options are its own.</summary>
    protected AuditDbContext(DbContextOptions options, ICurrentUser currentUser, TimeProvider clock, CurrentCouncil council)
        : base(options) => Bind(currentUser, clock, council);

    /// <summary>The council whose rows every query sees and every write may touch (the global query filter asks it at each query).</summary>
    public string CouncilId => Council.Id;

    /// <summary>Whether a runner is saving several councils' rows at once (<see cref="CurrentCouncil.Every"/>).</summary>
    public bool CouncilEvery => Council.Every;

    private CurrentCouncil Council => council ?? throw Unbound();

    /// <summary>A context of its own, outside the pool, bound to <paramref name="user"/> and <paramref name="councilOfScope"/> (tools, tests).</summary>
    public static AuditDbContext Create(DbContextOptions<AuditDbContext> options, ICurrentUser user, TimeProvider time, CurrentCouncil councilOfScope) =>
        new AuditDbContext(options).Bind(user, time, councilOfScope);

    /// <summary>Binds a context from the pool to the request (or runner) that borrows it: whose changes it records, and which council it sees.</summary>
    internal AuditDbContext Bind(ICurrentUser user, TimeProvider time, CurrentCouncil councilOfScope)
    {
        (currentUser, clock, council, _afterCommit) = (user, time, councilOfScope, null);
        return this;
    }

    public override void Dispose()
    {
        Unbind();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        Unbind();
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    // Given back to the pool (or gone): the next borrower's request is not this one's.
    private void Unbind() => (currentUser, clock, council, _afterCommit) = (null, null, null, null);

    private static InvalidOperationException Unbound() =>
        new("This database context is not bound to a request's user and council; take it from the request's services.");

    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<CaseFile> CaseFiles => Set<CaseFile>();
    public DbSet<ParticipationEvidence> ParticipationEvidence => Set<ParticipationEvidence>();
    public DbSet<Template> Templates => Set<Template>();
    public DbSet<Criterion> Criteria => Set<Criterion>();
    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<RoundPlan> RoundPlans => Set<RoundPlan>();
    public DbSet<CaseFileAudit> Audits => Set<CaseFileAudit>();
    public DbSet<AuditGrading> Gradings => Set<AuditGrading>();
    public DbSet<GradingDraft> GradingDrafts => Set<GradingDraft>();
    public DbSet<FinalGrade> FinalGrades => Set<FinalGrade>();
    public DbSet<HistoryEntry> History => Set<HistoryEntry>();
    public DbSet<FollowUpAction> Actions => Set<FollowUpAction>();
    public DbSet<Reflection> Reflections => Set<Reflection>();
    public DbSet<ReauditRequest> ReauditRequests => Set<ReauditRequest>();
    public DbSet<PublishedWorkflow> PublishedWorkflows => Set<PublishedWorkflow>();
    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();
    public DbSet<AccessRecord> AccessRecords => Set<AccessRecord>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<AuditTimer> AuditTimers => Set<AuditTimer>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    /// <summary>ASP.NET Core Data Protection's key ring, shared by every instance on the database (cookies, antiforgery).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuditDbContext).Assembly);
        CouncilModel.Configure(modelBuilder, this);

        // Entities make their own Guid ids. Telling EF so means a new child added to a tracked aggregate (a grading
        // on an audit) is inserted, not mistaken for an existing row to update.
        foreach (var key in modelBuilder.Model.GetEntityTypes().Select(t => t.FindPrimaryKey()).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableKey>())
        {
            if (key.Properties is [{ ClrType: var type } property] && type == typeof(Guid))
            {
                property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset values; store them as UTC ticks, which sort correctly. PostgreSQL
        // stores them the same way (bigint), so a moment reads back with the same offset, compares and rounds the same
        // on both, and the raw SQL that writes them (prepared imports) is one (docs/decisions/0009).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detected = RecordChanges();
        if (!ChangeTracker.HasChanges())
        {
            return 0;
        }

        var gate = Gate();
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            CommittedUnlessInTransaction();
            return saved;
        }
        finally
        {
            gate?.Release();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var detected = RecordChanges();
        if (!ChangeTracker.HasChanges())
        {
            return 0;
        }

        var gate = Gate();
        gate?.Wait();
        try
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            CommittedUnlessInTransaction();
            return saved;
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> once what is tracked now is committed: after the next save that succeeds, or, inside
    /// a <see cref="WriteTransaction"/>, once it commits. A save that fails keeps it waiting with the changes it failed to
    /// write; a transaction rolled back (or ended without a commit) drops it, as does a context disposed first.
    /// </summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    private void CommittedUnlessInTransaction()
    {
        if (Database.CurrentTransaction is null)
        {
            Committed();
        }
    }

    /// <summary>What was saved is committed: run what waited for it.</summary>
    internal void Committed()
    {
        if (Interlocked.Exchange(ref _afterCommit, null) is { } waiting)
        {
            waiting.ForEach(action => action());
        }
    }

    /// <summary>What was saved is rolled back: what waited for it never happened.</summary>
    internal void RolledBack() => _afterCommit = null;

    /// <summary>Begins a transaction for several saves, holding the writer gate until it ends (saves inside it do not queue again).</summary>
    public async Task<WriteTransaction> BeginWriteTransactionAsync(CancellationToken ct)
    {
        var gate = Gate();
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
        }

        try
        {
            return new WriteTransaction(await Database.BeginTransactionAsync(ct), gate, this);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }

    // SQLite only, and not inside a transaction of our own, which already holds the gate.
    private SemaphoreSlim? Gate() =>
        Database.IsSqlite() && Database.CurrentTransaction is null ? WriterGate.For(Database.GetConnectionString()) : null;

    /// <summary>
    /// Finds what changed (the one pass of EF's change detection a save needs) and adds its change records. Until the
    /// answer is disposed, EF does not look again: the save that follows, and whether there is anything to write (a
    /// save with nothing to write answers 0 without queueing for the writer gate), go by what was found.
    /// </summary>
    private ChangesDetected RecordChanges()
    {
        // One pass of change detection: the council check and the change records read the tracker after it, not each again.
        var detected = DetectChangesOnce();
        try
        {
            AddChangeRecords();
            return detected;
        }
        catch
        {
            detected.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs EF's change detection once and turns it off until the answer is disposed (it is then restored as it was):
    /// whatever reads the tracker meanwhile (the council check, the change records, a save or the timer runner's batch
    /// write) goes by what this pass found rather than walking every tracked entry again.
    /// </summary>
    internal ChangesDetected DetectChangesOnce()
    {
        ChangeTracker.DetectChanges();
        return new ChangesDetected(ChangeTracker);
    }

    /// <summary>
    /// Checks each changed row's council (stamping new rows) and adds the change records of what the tracker holds, as
    /// a save does first.
    /// </summary>
    internal void AddChangeRecords()
    {
        foreach (var (record, councilId) in MakeChangeRecords())
        {
            CouncilModel.Stamp(Entry(record), councilId);
            ChangeRecords.Add(record);
        }
    }

    /// <summary>
    /// Checks each changed row's council (stamping new rows) and makes the change records of what the tracker holds,
    /// each with the council it belongs to, without adding them: for a writer that then writes the rows itself (the
    /// timer runner's set-based batch write), which need not track thousands of rows only to insert them.
    /// </summary>
    internal List<(ChangeRecord Record, string CouncilId)> MakeChangeRecords()
    {
        CouncilModel.Check(ChangeTracker, Council);
        var records = ChangeRecorder.Record(ChangeTracker, (currentUser ?? throw Unbound()).UserName ?? "system", (clock ?? throw Unbound()).GetUtcNow());

        // A change record belongs to the council of what changed (a runner may save several councils' rows at once).
        return records.ConvertAll(r => (r.Record, CouncilModel.CurrentOf(r.Root) ?? CouncilId));
    }

    /// <summary>Change detection turned off after one pass (<see cref="DetectChangesOnce"/>); disposing it restores it.</summary>
    internal readonly struct ChangesDetected : IDisposable
    {
        private readonly Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker _tracker;
        private readonly bool _detecting;

        public ChangesDetected(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
        {
            (_tracker, _detecting) = (tracker, tracker.AutoDetectChangesEnabled);
            tracker.AutoDetectChangesEnabled = false;
        }

        public void Dispose() => _tracker.AutoDetectChangesEnabled = _detecting;
    }
}
