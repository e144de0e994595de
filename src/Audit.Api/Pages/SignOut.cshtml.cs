using Audit.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages;

/// <summary>Signing out: a POST (the header's button, or this page's), which ends the page sign-in and, with OpenID Connect, the identity provider's.</summary>
public sealed class SignOutModel(PageSignIn signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PageAuthentication.CookieScheme);
        return signIn.OpenIdConnect
            ? SignOut(new AuthenticationProperties { RedirectUri = PageAuthentication.SignedOutPath }, PageAuthentication.OpenIdConnectScheme)
            : LocalRedirect(PageAuthentication.SignedOutPath);
    }
}
