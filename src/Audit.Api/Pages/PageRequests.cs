using Audit.Api.Infrastructure;
using Audit.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Pages;

/// <summary>What came of a request a page sent: the answer, or the refusal already written into the page's ModelState.</summary>
public sealed record PageOutcome<T>(T? Value, bool Conflict)
{
    public bool Succeeded => Value is not null;
}

/// <summary>
/// How a page sends the same Mediator request as the API and shows a refusal the GOV.UK way. Fields at fault go into
/// ModelState under the page's own field names (the error summary links to them, and what was typed is kept); a
/// change someone else made first, or a step the audit has moved past, goes in as a page-level message with
/// <see cref="PageOutcome{T}.Conflict"/> set, so the page can show the current state. Not found and forbidden are left
/// to <see cref="PageRefusalFilter"/>, which answers with the plain error pages.
/// </summary>
public static class PageRequests
{
    public const string ConflictMessage = "Someone else changed this while you were working on it. The page now shows it as it is. Check it, then try again.";

    /// <param name="fieldName">Maps a request's property path (for example <c>Grades[0].Evidence</c>) to the page's field name.</param>
    public static async Task<PageOutcome<T>> TrySendAsync<T>(
        this PageModel page, ISender sender, IRequest<T> request, CancellationToken ct, Func<string, string>? fieldName = null)
    {
        fieldName ??= path => path;
        try
        {
            return new PageOutcome<T>(await sender.Send(request, ct), Conflict: false);
        }
        catch (ValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                page.ModelState.AddModelError(fieldName(error.PropertyName), error.ErrorMessage);
            }
        }
        catch (InvalidFieldException invalid)
        {
            page.ModelState.AddModelError(fieldName(invalid.Field), invalid.Message);
        }
        catch (InvalidDefinitionException invalid)
        {
            // Every error in a workflow definition, each with its JSON path, as the API answers them.
            foreach (var error in invalid.Errors)
            {
                page.ModelState.AddModelError(fieldName("definition"), $"{error.Path}: {error.Problem}");
            }
        }
        catch (DomainRuleException rule)
        {
            page.ModelState.AddModelError(rule.Field is null ? "" : fieldName(rule.Field), rule.Message);
        }
        catch (DomainConflictException conflict)
        {
            page.ModelState.AddModelError("", conflict.Message);
            return new PageOutcome<T>(default, Conflict: true);
        }
        catch (TriggerNotPermittedException)
        {
            page.ModelState.AddModelError("", "This has moved on since you opened it, so that step cannot be taken now. The page now shows where it is.");
            return new PageOutcome<T>(default, Conflict: true);
        }
        catch (DbUpdateException)
        {
            page.ModelState.AddModelError("", ConflictMessage);
            return new PageOutcome<T>(default, Conflict: true);
        }

        return new PageOutcome<T>(default, Conflict: false);
    }
}

/// <summary>
/// What a person may not see answers the plain "Page not found", revealing nothing; what they may see but not do
/// answers "You cannot do this". Applies to every page handler.
/// </summary>
public sealed class PageRefusalFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        IActionResult? result = executed.Exception switch
        {
            NotFoundException => new NotFoundResult(),
            ForbiddenException => new StatusCodeResult(StatusCodes.Status403Forbidden),
            _ => null,
        };
        if (result is not null)
        {
            executed.Result = result;
            executed.ExceptionHandled = true;
        }
    }
}
