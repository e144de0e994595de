using System.Net;
using Audit.Api.Notifications;
using Audit.Api.Tests.Features;
using Audit.Api.Tests.Support;
using Audit.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Audit.Api.Tests.Pages;

/// <summary>The PSW's page of e-mails the outbox parked, and "Try again" on it, driven without a real browser.</summary>
public sealed class ParkedEmailPagesTests : IDisposable
{
    private readonly Mock<INotificationSender> _sender = new();
    private readonly AuditApiFactory _factory;

    public ParkedEmailPagesTests() => _factory = OutboxRetryTests.OutboxFactory(_sender, maxAttempts: 1);

    public void Dispose() => _factory.Dispose();

    private async Task<Browser> SignedInAsync(string userName)
    {
        var displayName = await _factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(_factory);
        await browser.SignInAsync(displayName);
        return browser;
    }

    [Fact]
    public async Task ThePswSeesAParkedEmailWithoutItsWordsAndTryingAgainPutsItBackInTheOutbox()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<Notification>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("No answer from smtp.example."));
        var id = await OutboxRetryTests.OneMessageAsync(_factory);
        await _factory.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None);
        var browser = await SignedInAsync(DemoUsers.Psw);

        (await browser.GetOkAsync("/notifications")).QuerySelectorAll("a").ShouldContain(a => a.GetAttribute("href") == "/notifications/parked");
        var page = await browser.GetOkAsync("/notifications/parked");
        var text = Browser.Text(page);
        text.ShouldContain($"E-mail to {DemoUsers.Auditor}");
        text.ShouldContain("Reminder");
        text.ShouldContain("The mail server did not answer in time");
        text.ShouldNotContain("Two audits wait for your grades");
        text.ShouldNotContain("smtp.example");

        var pressed = await browser.PressAsync(page, "Try again");
        pressed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        pressed.Headers.Location!.ToString().ShouldBe("/notifications/parked?requeued=true");
        var after = Browser.Text(await browser.GetOkAsync("/notifications/parked?requeued=true"));
        after.ShouldContain("E-mail put back in the outbox");
        after.ShouldContain("No e-mails are parked.");
        (await _factory.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Id == id))).ParkedAt.ShouldBeNull();
    }

    [Fact]
    public async Task OnlyThePswMayOpenThePageAndOthersAreNotShownTheLink()
    {
        var auditor = await SignedInAsync(DemoUsers.Auditor);

        (await auditor.GetAsync("/notifications/parked")).Response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.GetOkAsync("/notifications")).QuerySelectorAll("a").ShouldNotContain(a => a.GetAttribute("href") == "/notifications/parked");
    }
}
