namespace Audit.Api.Pages;

/// <summary>An option of a select. An empty <paramref name="Value"/> is the "any" choice of a filter.</summary>
public sealed record SelectItem(string Value, string Text);

/// <summary>A select with its label, hint and error, from the Design System. Use radios where there are few options.</summary>
public sealed record SelectModel(
    string Name,
    string Label,
    IReadOnlyList<SelectItem> Items,
    string? Value = null,
    string? Hint = null,
    string? Error = null)
{
    public string Id => FieldIds.For(Name);
}
