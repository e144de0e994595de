namespace Audit.Api.Pages;

/// <summary>A file upload with its label, hint and error, from the Design System. <paramref name="Accept"/> narrows the picker (".csv").</summary>
public sealed record FileUploadModel(
    string Name,
    string Label,
    string? Hint = null,
    string? Error = null,
    string? Accept = null,
    bool LabelIsPageHeading = false)
{
    public string Id => FieldIds.For(Name);
}
