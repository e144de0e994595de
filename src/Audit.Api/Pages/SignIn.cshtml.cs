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
public sealed class SignInModel(ISender sender, PageSignIn signIn, Microsoft.Extensions.Options.IOptionsMonitor<Tenancy.TenancyOptions> tenancy) : PageModel
{
    public IReadOnlyList<DemoPerson> People { get; private set; } = [];

    public string ReturnUrl { get; private set; } = "/";

    /// <summary>Whose demo people are listed (?council=...); none for the default council.</summary>
    public string? Council { get; private set; }

    /// <summary>Why a sign-in was refused, when it was: the council it names is not one this service serves.</summary>
    public bool UnknownCouncil { get; private set; }

    /// <summary>Whether a sign-in at the council's identity provider did not finish (then the page offers to start again).</summary>
    public bool NotFinished { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, string? council, string? problem, CancellationToken ct)
    {
        Council = Tenancy.CurrentCouncil.Normalise(council);
        ReturnUrl = SafeReturnUrl(returnUrl);
        // Said on the page (not a new round trip to the identity provider, which would name the same council again).
        if (RefusedCouncil(problem == PageAuthentication.UnknownCouncilProblem))
        {
            return Page();
        }

        if (problem == PageAuthentication.SignInFailedProblem && signIn.OpenIdConnect)
        {
            NotFinished = true;
            return Page();
        }

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
        if (RefusedCouncil())
        {
            return Page();
        }

        People = await sender.Send(new ListDemoPeople(Council), ct);
        var person = People.SingleOrDefault(p => p.UserName == Domain.Users.UserNames.CanonicalOrNull(userName));
        if (person is null)
        {
            ModelState.AddModelError("userName", "Choose someone to sign in as");
            return Page();
        }

        var identity = PersonClaims.Identity(PersonClaims.For(person.UserName, person.DisplayName, person.Roles, person.TeamId, Council, tenancy.CurrentValue.Claim), PageAuthentication.CookieScheme);
        await HttpContext.SignInAsync(PageAuthentication.CookieScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(ReturnUrl);
    }

    /// <summary>Whether <see cref="Council"/> is one this service does not serve (or was already refused), said on the page if so.</summary>
    private bool RefusedCouncil(bool alreadyRefused = false)
    {
        UnknownCouncil = alreadyRefused || !tenancy.CurrentValue.Knows(Council);
        if (UnknownCouncil)
        {
            ModelState.AddModelError(string.Empty, "Your sign-in names a council this service does not serve. Ask whoever runs the service to add it.");
        }

        return UnknownCouncil;
    }

    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith(PageAuthentication.SignInPath, StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";
}
