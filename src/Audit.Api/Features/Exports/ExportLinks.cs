using System.Globalization;

namespace Audit.Api.Features.Exports;

/// <summary>The pages' two download links for an export, each carrying the page's filters; <see cref="About"/> tells a screen reader which table.</summary>
public sealed record DownloadLinksModel(string Csv, string Xlsx, string? About = null);

/// <summary>Builds the pages' download links to <c>/reports/{name}.csv</c> and <c>.xlsx</c> (the cookie-signed copies of the API's exports).</summary>
public static class ExportLinks
{
    public static DownloadLinksModel For(string name, string? about, params (string Key, object? Value)[] filters)
    {
        var query = QueryString.Create(filters
            .Select(f => new KeyValuePair<string, string?>(f.Key, f.Value switch
            {
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => f.Value?.ToString(),
            }))
            .Where(p => !string.IsNullOrWhiteSpace(p.Value)))
            .ToUriComponent();
        string Href(ExportFormat format) => $"{ExportsEndpoints.PagePrefix}/{name}.{ExportFiles.Extension(format)}{query}";
        return new DownloadLinksModel(Href(ExportFormat.Csv), Href(ExportFormat.Xlsx), about);
    }
}
