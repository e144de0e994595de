using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages;

/// <summary>
/// The status code pages for everything outside /api, from the Design System's patterns. They say what to do next
/// and nothing about what failed or what exists. They answer any method, since a failed POST shows them too.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";

    public IReadOnlyList<string> Lines { get; private set; } = [];

    public void OnGet(int code)
    {
        var status = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        (Heading, Lines) = status switch
        {
            StatusCodes.Status404NotFound => ("Page not found", (IReadOnlyList<string>)
                ["If you typed the web address, check it is correct.", "If you pasted the web address, check you copied the entire address."]),
            StatusCodes.Status403Forbidden => ("You cannot do this",
                ["Your role in this service does not let you see this page or make this change.", "If you think you should be able to, ask your principal social worker."]),
            StatusCodes.Status400BadRequest => ("Sorry, there is a problem with your request",
                ["The page may have been open too long. Go back, reload the page and try again."]),
            StatusCodes.Status429TooManyRequests => ("Sorry, there have been too many attempts",
                ["Wait a minute, then try again."]),
            >= 500 => ("Sorry, there is a problem with the service",
                ["Try again later.", "What you entered may not have been saved."]),
            _ => ("Sorry, there is a problem with your request",
                ["Go back and try again."]),
        };
    }

    public void OnPost(int code) => OnGet(code);
}
