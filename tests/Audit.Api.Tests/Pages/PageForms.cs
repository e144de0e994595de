using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Audit.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Tests.Pages;

/// <summary>Signing in and sending forms as a browser would, for the page tests of the PSW's pages.</summary>
public static class PageForms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<Browser> SignedInAsync(AuditApiFactory factory, string userName)
    {
        var displayName = await factory.WithDbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.DisplayName).SingleAsync());
        var browser = new Browser(factory);
        await browser.SignInAsync(displayName);
        return browser;
    }

    public static string Heading(IDocument page) => page.QuerySelectorAll("h1").Single().TextContent.Trim();

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) => Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The error summary's messages, in order.</summary>
    public static IReadOnlyList<string> Errors(IDocument page) =>
        [.. page.QuerySelectorAll(".govuk-error-summary__list li").Select(e => e.TextContent.Trim()).Distinct()];

    /// <summary>
    /// Sends the form holding the button as a browser would (text fields and textareas as they are, only ticked radios
    /// and checkboxes, the pressed button), after the changes: each name changed loses its old values, then gets the
    /// values given (an empty value: left empty).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(Browser browser, IDocument page, string url, string buttonText, params (string Name, string Value)[] changes)
    {
        var button = page.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == buttonText);
        var form = button.Closest("form")!;
        var fields = form.QuerySelectorAll("input[name]")
            .Where(i => i.GetAttribute("type") is not ("radio" or "checkbox") || i.HasAttribute("checked"))
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(form.QuerySelectorAll("textarea[name]").Select(t => new KeyValuePair<string, string>(t.GetAttribute("name")!, t.TextContent)))
            .ToList();
        var changed = changes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        fields.RemoveAll(f => changed.Contains(f.Key));
        fields.AddRange(changes.Where(c => c.Value.Length > 0).Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        if (button.GetAttribute("name") is { } name)
        {
            fields.Add(new(name, button.GetAttribute("value") ?? ""));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await browser.Http.PostAsync(url, content);
    }
}
