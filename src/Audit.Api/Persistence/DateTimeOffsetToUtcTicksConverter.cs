using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Audit.Api.Persistence;

internal sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
