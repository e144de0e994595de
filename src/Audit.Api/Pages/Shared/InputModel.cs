namespace Audit.Api.Pages;

/// <summary>
/// A text input with its label, hint and error, from the Design System. <paramref name="Width"/> is one of its width
/// classes (for example <c>govuk-input--width-3</c>); <paramref name="Suffix"/> shows after the input ("%");
/// <paramref name="Numeric"/> asks phones for the number keypad.
/// </summary>
public sealed record InputModel(
    string Name,
    string Label,
    string? Value = null,
    string? Hint = null,
    string? Error = null,
    string? Width = null,
    string? Suffix = null,
    bool Numeric = false,
    bool Spellcheck = true)
{
    public string Id => FieldIds.For(Name);
}
