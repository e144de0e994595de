using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Audit.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Audit.Api.Tests.Pages;

/// <summary>A browser-like client for the pages: keeps cookies, does not follow redirects, asks for HTML, and finds things by their text.</summary>
public sealed class Browser
{
    private static readonly HtmlParser Parser = new();

    private readonly ServerErrors _errors;

    public Browser(AuditApiFactory factory)
    {
        _errors = factory.Errors;
        Http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
    }

    public HttpClient Http { get; }

    public async Task<(HttpResponseMessage Response, IDocument Page)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    public async Task<IDocument> GetOkAsync(string url)
    {
        var (response, page) = await GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url} {_errors.Latest()}");
        return page;
    }

    /// <summary>Presses the button with this text, sending its form with every field the form holds (the antiforgery token too).</summary>
    public async Task<HttpResponseMessage> PressAsync(IDocument page, string buttonText, string? action = null)
    {
        var button = page.QuerySelectorAll("button").Single(b => b.TextContent.Contains(buttonText, StringComparison.Ordinal));
        var form = button.Closest("form") ?? throw new InvalidOperationException($"The button '{buttonText}' is in no form.");
        var fields = form.QuerySelectorAll("input[name]")
            .Select(input => new KeyValuePair<string, string>(input.GetAttribute("name")!, input.GetAttribute("value") ?? ""))
            .ToList();
        if (button.GetAttribute("name") is { } name)
        {
            fields.Add(new(name, button.GetAttribute("value") ?? ""));
        }

        var target = action ?? form.GetAttribute("action");
        using var content = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(string.IsNullOrEmpty(target) ? page.Url : target, content);
    }

    /// <summary>
    /// Presses the button with this text in a multipart form, sending the form's fields (the antiforgery token too) and
    /// a file chosen for <paramref name="fileField"/>; a null <paramref name="content"/> sends the form with no file chosen.
    /// </summary>
    public async Task<HttpResponseMessage> UploadAsync(IDocument page, string buttonText, string fileField, string fileName, string? content)
    {
        var button = page.QuerySelectorAll("button").Single(b => b.TextContent.Contains(buttonText, StringComparison.Ordinal));
        var form = button.Closest("form") ?? throw new InvalidOperationException($"The button '{buttonText}' is in no form.");
        form.GetAttribute("enctype").ShouldBe("multipart/form-data");
        using var body = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[name]").Where(i => i.GetAttribute("type") != "file"))
        {
            body.Add(new StringContent(input.GetAttribute("value") ?? ""), input.GetAttribute("name")!);
        }

        form.QuerySelector($"input[type=file][name='{fileField}']").ShouldNotBeNull($"the form has a file field '{fileField}'");
        var file = new ByteArrayContent(content is null ? [] : System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue(content is null ? "application/octet-stream" : "text/csv");
        if (content is null)
        {
            body.Add(file, fileField);
        }
        else
        {
            body.Add(file, fileField, fileName);
        }

        var target = form.GetAttribute("action");
        return await Http.PostAsync(string.IsNullOrEmpty(target) ? page.Url : target, body);
    }

    public async Task<HttpResponseMessage> SignInAsync(string displayName)
    {
        var signIn = await GetOkAsync("/sign-in");
        var response = await PressAsync(signIn, displayName, "/sign-in");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response;
    }

    public static string Text(IDocument page) => page.Body?.TextContent is { } text ? string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : "";
}
