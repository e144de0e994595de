using System.Globalization;
using System.Net;
using Audit.Api.Notifications;
using Audit.Api.Tests.Support;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Api.Tests.Features;

/// <summary>
/// The real SMTP sender against a real SMTP listener on loopback: notifications written by the audit loop, with a
/// marker in every identifying field, reach the right addresses as e-mails holding only a link to sign in.
/// </summary>
public sealed class SmtpSenderTests : IAsyncDisposable
{
    private const string SignInUrl = "https://audit.northbrook.example/sign-in";
    private const string Domain = "northbrook.example";
    private const string Reference = "MARKER-REF-0777";
    private const string Worker = "Markerworker Quell";
    private const string TeamName = "Markerteam Northfield";
    private const string TeamManager = "tess.manager";
    private const string TeamManagerName = "Markermanager Vos";
    private const string RoundName = "MARKER-ROUND winter voice";
    private const string Concern = "MARKER-CONCERN the plan names the wrong school";

    private static readonly string[] Markers =
        [Reference, Worker, TeamName, TeamManagerName, RoundName, Concern, "MARKER", "Ivan Quill", "Ada Winslow", "case file(s) to grade", "safeguarding"];

    private readonly LoopbackSmtpServer _smtp = new();
    private readonly AuditApiFactory _factory;

    public SmtpSenderTests() => _factory = new(settings: new Dictionary<string, string?>
    {
        ["Timers:RunInBackground"] = "false",
        ["Notifications:DispatchInBackground"] = "false",
        ["Notifications:SignInUrl"] = SignInUrl,
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Security"] = "None",
        ["Notifications:Smtp:From"] = "audit-noreply@" + Domain,
        ["Notifications:Smtp:RecipientDomain"] = Domain,
    });

    public async ValueTask DisposeAsync()
    {
        _factory.Dispose();
        await _smtp.DisposeAsync();
    }

    private OutboxDispatcher Dispatcher => _factory.Services.GetRequiredService<OutboxDispatcher>();

    [Fact]
    public async Task EachRecipientGetsAnEmailWithASignInLinkAndNoIdentifyingDetail()
    {
        _factory.Services.GetRequiredService<INotificationSender>().ShouldBeOfType<SmtpNotificationSender>();
        var scenario = new Scenario(_factory);
        var caseFiles = await SeedMarkedCaseFilesAsync();
        var round = await scenario.Psw.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/rounds", new
        {
            name = RoundName,
            templateId = (await scenario.DudleyTemplateAsync()).Id(),
            dueOn = "2026-12-18",
            caseFileIds = caseFiles,
            auditor = DemoUsers.Auditor,
            youngAssessor = DemoUsers.YoungAssessor,
        });
        var audit = Guid.Parse(round.Arr("auditIds")[0]!.GetValue<string>());
        await scenario.Auditor.PostOkAsync($"/api/audits/{audit}/concerns", new { description = $"{Concern} ({Worker}, {Reference})" });

        var sent = await Dispatcher.DispatchOnceAsync(CancellationToken.None);

        sent.ShouldBe(4);
        var delivered = _smtp.Messages.ToList();
        delivered.SelectMany(m => m.To).ShouldBe(
            [$"{DemoUsers.Auditor}@{Domain}", $"{DemoUsers.YoungAssessor}@{Domain}", $"{DemoUsers.Psw}@{Domain}", $"{TeamManager}@{Domain}"], ignoreOrder: true);
        foreach (var message in delivered)
        {
            message.From.ShouldBe("audit-noreply@" + Domain);
            message.Data.ShouldContain($"To: {message.To.Single()}");
            message.Data.ShouldContain("Subject: " + SmtpNotificationSender.Subject);
            message.Data.ShouldContain(SignInUrl);
            foreach (var marker in Markers)
            {
                message.Data.ShouldNotContain(marker, Case.Insensitive);
            }
        }

        (await _factory.WithDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null))).ShouldBe(0);
    }

    [Fact]
    public async Task ARecipientTheServerRefusesIsCountedAsRefusedAndDeliveredOnTheRetry()
    {
        var id = await OutboxRetryTests.OneMessageAsync(_factory);
        _smtp.RejectRecipients = true;

        (await Dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(0);
        var refused = await _factory.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        refused.LastErrorKind.ShouldBe(OutboxErrorKinds.Refused);
        refused.Attempts.ShouldBe(1);
        _smtp.Messages.ShouldBeEmpty();

        _smtp.RejectRecipients = false;
        _factory.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(1);
        _smtp.Messages.ShouldHaveSingleItem().To.ShouldBe([$"{DemoUsers.Auditor}@{Domain}"]);
    }

    [Fact]
    public void WithoutAnSmtpHostNotificationsGoToTheLog()
    {
        using var plain = new AuditApiFactory();

        plain.Services.GetRequiredService<INotificationSender>().GetType().Name.ShouldBe("LoggingNotificationSender");
    }

    private async Task<List<Guid>> SeedMarkedCaseFilesAsync() => await _factory.WithDbAsync(async db =>
    {
        var team = new Team(Guid.NewGuid(), TeamName, ServiceArea.ChildrenLookedAfter, TeamManager, DemoUsers.ServiceManager);
        db.Teams.Add(team);
        db.Staff.Add(new StaffMember(TeamManager, TeamManagerName, [Role.TeamManager], team.Id));
        var caseFile = new CaseFile(Guid.NewGuid(), Reference, team, Stage.Review, Worker, ChildAgeBand.TenToFifteen);
        db.CaseFiles.Add(caseFile);
        await db.SaveChangesAsync();
        return new List<Guid> { caseFile.Id };
    });
}
