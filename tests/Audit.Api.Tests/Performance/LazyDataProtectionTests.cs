using System.Security.Cryptography;
using System.Text;
using Audit.Api.Infrastructure;
using PageBrowser = Audit.Api.Tests.Pages.Browser;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Audit.Api.Tests.Performance;

/// <summary>Data Protection is made on first use, not at start (bench/README.md, "Start-up and idle memory").</summary>
public sealed class LazyDataProtectionTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("a sign-in cookie");

    [Fact]
    public void ProtectorsMadeBeforeFirstUseMakeNoProviderUntilTheyProtectAndThenMakeItOnce()
    {
        var made = 0;
        var real = new EphemeralDataProtectionProvider();
        var provider = new LazyDataProtectionProvider(() => { made++; return real; });

        var antiforgery = provider.CreateProtector("antiforgery").CreateProtector("v1");
        var cookies = provider.CreateProtector("cookies");
        made.ShouldBe(0);

        var protectedOnce = antiforgery.Protect(Secret);
        cookies.Unprotect(cookies.Protect(Secret)).ShouldBe(Secret);

        made.ShouldBe(1);
        provider.IsBuilt.ShouldBeTrue();
        real.CreateProtector("antiforgery").CreateProtector("v1").Unprotect(protectedOnce).ShouldBe(Secret);
    }

    [Fact]
    public void AProtectorKeepsItsPurposesSoAnotherPurposeCannotReadWhatItProtected()
    {
        var real = new EphemeralDataProtectionProvider();
        var provider = new LazyDataProtectionProvider(() => real);

        var protectedOnce = provider.CreateProtector("antiforgery").CreateProtector("v1").Protect(Secret);

        Should.Throw<CryptographicException>(() => real.CreateProtector("antiforgery").Unprotect(protectedOnce));
        Should.Throw<CryptographicException>(() => provider.CreateProtector("cookies").CreateProtector("v1").Unprotect(protectedOnce));
    }

    [Fact]
    public async Task TheServiceMakesItsDataProtectionWhenTheFirstFormIsShownAndSignsPeopleIn()
    {
        using var factory = new AuditApiFactory();
        using var client = factory.CreateClient();
        (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).IsSuccessStatusCode.ShouldBeTrue();

        var provider = factory.Services.GetRequiredService<IDataProtectionProvider>().ShouldBeOfType<LazyDataProtectionProvider>();
        provider.IsBuilt.ShouldBeFalse();
        factory.Services.GetServices<IHostedService>().ShouldNotContain(
            service => service.GetType().Namespace!.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal),
            "the key ring is read on first use, not by Data Protection's hosted service at start");

        var displayName = await factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == DemoUsers.Psw).Select(s => s.DisplayName).SingleAsync());
        var browser = new PageBrowser(factory);
        await browser.SignInAsync(displayName);

        provider.IsBuilt.ShouldBeTrue();
        await browser.GetOkAsync("/templates");
    }
}
