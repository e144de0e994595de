using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Audit.Api.Pages;

// Models for the GOV.UK component partials in this folder, written from the Design System's published markup.
// Field ids follow ASP.NET Core's own (a name "Input.Grade" has the id "Input_Grade"), so the error summary's links
// land on the fields that tag helpers render too.

/// <summary>An option of a radios fieldset. <paramref name="Hint"/> shows under its label.</summary>
public sealed record RadioItem(string Value, string Text, string? Hint = null);

/// <summary>
/// A radios fieldset. With <paramref name="LegendIsPageHeading"/> the legend is the page's h1 (a question page).
/// <paramref name="Error"/> is usually <c>ModelState.ErrorFor(name)</c>.
/// </summary>
public sealed record RadiosModel(
    string Name,
    string Legend,
    IReadOnlyList<RadioItem> Items,
    string? Value = null,
    string? Hint = null,
    string? Error = null,
    bool LegendIsPageHeading = false,
    bool Inline = false)
{
    public string Id => FieldIds.For(Name);
}

/// <summary>A textarea with its label, hint and error. With <paramref name="LabelIsPageHeading"/> the label is the page's h1.</summary>
public sealed record TextareaModel(
    string Name,
    string Label,
    string? Value = null,
    string? Hint = null,
    string? Error = null,
    int Rows = 5,
    bool LabelIsPageHeading = false)
{
    public string Id => FieldIds.For(Name);
}

public enum ButtonKind
{
    Primary,
    Secondary,
    Warning,
}

/// <summary>A submit button. <paramref name="Name"/> and <paramref name="Value"/> tell the handler which button was pressed.</summary>
public sealed record ButtonModel(string Text, ButtonKind Kind = ButtonKind.Primary, string? Name = null, string? Value = null)
{
    public string Classes => Kind switch
    {
        ButtonKind.Secondary => "govuk-button govuk-button--secondary",
        ButtonKind.Warning => "govuk-button govuk-button--warning",
        _ => "govuk-button",
    };
}

/// <summary>A row of a summary list; with <paramref name="ChangeHref"/>, a "Change" link whose hidden text is the key.</summary>
public sealed record SummaryRow(string Key, string Value, string? ChangeHref = null, string ChangeText = "Change");

public sealed record SummaryListModel(IReadOnlyList<SummaryRow> Rows);

/// <summary>
/// A notification banner: <paramref name="Success"/> for the outcome of the person's own action (role alert, green),
/// otherwise "Important" information (a region).
/// </summary>
public sealed record NotificationBannerModel(string Heading, string? Body = null, bool Success = false, string? Title = null)
{
    public string TitleText => Title ?? (Success ? "Success" : "Important");
}

/// <summary>A tag; <paramref name="Colour"/> is one of the Design System's tag colours ("grey", "green", "red", ...).</summary>
public sealed record TagModel(string Text, string? Colour = null);

public sealed record BackLinkModel(string Href, string Text = "Back");

/// <summary>Inset text, or with <paramref name="Warning"/> the warning text with its "!" icon.</summary>
public sealed record CalloutModel(string Text, bool Warning = false);

/// <summary>A table. Cells are text; columns listed in <paramref name="NumericColumns"/> are right-aligned; the first cell of a row heads it unless told otherwise.</summary>
public sealed record TableModel(
    string Caption,
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlySet<int>? NumericColumns = null,
    bool CaptionIsVisible = true,
    bool FirstCellIsHeader = true)
{
    public bool IsNumeric(int column) => NumericColumns?.Contains(column) ?? false;
}

public static class FieldIds
{
    /// <summary>The id ASP.NET Core gives the field of this name (dots and brackets become underscores).</summary>
    public static string For(string name) => Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(name, "_");
}

public static class ModelStateErrors
{
    /// <summary>The first error for a field, to show beside it, or null.</summary>
    public static string? ErrorFor(this ModelStateDictionary modelState, string name) =>
        modelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
