using System.Globalization;
using FluentValidation;

namespace Audit.Api.Infrastructure;

/// <summary>The validators' shared rules for text fields.</summary>
public static class TextRules
{
    /// <summary>
    /// At most <paramref name="max"/> characters once the spaces around the text are trimmed, as the text is kept: a
    /// length limit applies to what is stored, so spaces pasted around a full-length answer do not push it over.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> MaximumTrimmedLength<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.Must(text => text is null || text.Trim().Length <= max)
            .WithMessage(string.Create(CultureInfo.InvariantCulture, $"'{{PropertyName}}' must be {max:N0} characters or fewer."));
}
