using System.Security.Claims;
using Audit.Api.Auth;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages;

/// <summary>
/// With the council's identity provider, a visit here goes there (OpenID Connect). In Development without one, it
/// lists the demo people, one button each. Otherwise there is no such page.
/// </summary>
public sealed class SignInModel(ISender sender, PageSignIn signIn, Microsoft.Extensions.Options.IOptions<Tenancy.TenancyOptions> tenancy) : PageModel
{
    public IReadOnlyList<DemoPerson> People { get; private set; } = [];

    public string ReturnUrl { get; private set; } = "/";

    /// <summary>Whose demo people are listed (?council=...); none for the default council.</summary>
    public string? Council { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, string? council, CancellationToken ct)
    {
        Council = Tenancy.CurrentCouncil.Normalise(council);
        ReturnUrl = SafeReturnUrl(returnUrl);
        if (signIn.OpenIdConnect)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, PageAuthentication.OpenIdConnectScheme);
        }

        if (!signIn.Demo)
        {
            return NotFound();
        }

        People = await sender.Send(new ListDemoPeople(Council), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? userName, string? returnUrl, string? council, CancellationToken ct)
    {
        Council = Tenancy.CurrentCouncil.Normalise(council);
        if (!signIn.Demo)
        {
            return NotFound();
        }

        ReturnUrl = SafeReturnUrl(returnUrl);
        People = await sender.Send(new ListDemoPeople(Council), ct);
        var person = People.SingleOrDefault(p => p.UserName == Domain.Users.UserNames.CanonicalOrNull(userName));
        if (person is null)
        {
            ModelState.AddModelError("userName", "Choose someone to sign in as");
            return Page();
        }

        var identity = PersonClaims.Identity(PersonClaims.For(person.UserName, person.DisplayName, person.Roles, person.TeamId, Council, tenancy.Value.Claim), PageAuthentication.CookieScheme);
        await HttpContext.SignInAsync(PageAuthentication.CookieScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(ReturnUrl);
    }

    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith(PageAuthentication.SignInPath, StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";
}
