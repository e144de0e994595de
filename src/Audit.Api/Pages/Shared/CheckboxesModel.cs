namespace Audit.Api.Pages;

/// <summary>An option of a checkboxes fieldset. <paramref name="Hint"/> shows under its label.</summary>
public sealed record CheckboxItem(string Value, string Text, string? Hint = null);

/// <summary>
/// Checkboxes in a fieldset with a legend, hint and error, from the Design System; the items in
/// <paramref name="Checked"/> are ticked. The first checkbox carries the field's id, so the error summary can link to it.
/// </summary>
public sealed record CheckboxesModel(
    string Name,
    string Legend,
    IReadOnlyList<CheckboxItem> Items,
    IReadOnlyCollection<string> Checked,
    string? Hint = null,
    string? Error = null)
{
    public string Id => FieldIds.For(Name);
}
