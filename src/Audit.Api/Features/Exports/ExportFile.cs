using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Audit.Api.Features.Exports;

public enum ExportFormat
{
    Csv = 1,
    Xlsx = 2,
}

/// <summary>One column of an export: its plain-English heading and how a row gives its cell.</summary>
internal sealed record ExportColumn<T>(string Name, Func<T, object?> Value);

/// <summary>
/// The one writer every export goes through: a flat table (a header row, then one row per item) written to the
/// response body as the rows are produced, as CSV (UTF-8 with a byte-order mark, so that Excel reads it as UTF-8) or
/// as an XLSX workbook of one sheet (MiniExcel, from a data reader over the same rows). Cells are strings, whole
/// numbers, decimals or empty; a text cell that a spreadsheet would run as a formula gets a leading apostrophe.
/// </summary>
internal sealed class ExportFile<T>(ExportFormat format, string fileName, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows) : IResult
{
    /// <summary>Flush the CSV to the client after this many rows.</summary>
    private const int FlushEvery = 200;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ExportFiles.ContentType(format);
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.{ExportFiles.Extension(format)}\"";
        response.Headers.CacheControl = "no-store";
        if (format == ExportFormat.Csv)
        {
            await WriteCsvAsync(response.Body, ct);
        }
        else
        {
            await using var reader = new ExportDataReader<T>(columns, rows, ct);
            await using var body = new AsyncOnlyStream(response.Body);
            await body.SaveAsAsync(reader, printHeader: true, sheetName: ExportFiles.SheetName(fileName), excelType: ExcelType.XLSX, cancellationToken: ct);
            await body.FlushAsync(ct);
        }
    }

    private async Task WriteCsvAsync(Stream body, CancellationToken ct)
    {
        await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None }, leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(column.Name);
        }

        await csv.NextRecordAsync();
        var written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var column in columns)
            {
                csv.WriteField(ExportFiles.Text(ExportFiles.Cell(column.Value(row))));
            }

            await csv.NextRecordAsync();
            if (++written % FlushEvery == 0)
            {
                await csv.FlushAsync();
                await text.FlushAsync(ct);
                await body.FlushAsync(ct);
            }
        }

        await csv.FlushAsync();
        await text.FlushAsync(ct);
    }
}

internal static class ExportFiles
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>What a text cell may not start with, lest a spreadsheet read it as a formula (OWASP's CSV injection list).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Extension(ExportFormat format) => format == ExportFormat.Csv ? "csv" : "xlsx";

    public static string ContentType(ExportFormat format) => format == ExportFormat.Csv ? CsvContentType : XlsxContentType;

    /// <summary>A text cell that starts like a formula gets a leading apostrophe; numbers (a negative kappa too) are left as numbers.</summary>
    public static object? Cell(object? value) =>
        value is string text && text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : value;

    public static string Text(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The sheet takes the file's name, within Excel's 31 characters.</summary>
    public static string SheetName(string fileName) => fileName.Length <= 31 ? fileName : fileName[..31];

    public static ExportFile<T> Of<T>(ExportFormat format, string fileName, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows) =>
        new(format, fileName, columns, rows.ToAsyncEnumerable());

    public static ExportFile<T> Of<T>(ExportFormat format, string fileName, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows) =>
        new(format, fileName, columns, rows);

    public static string YesNo(bool value) => value ? "Yes" : "No";

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Date(DateTimeOffset? at) => at is { } moment ? Date(DateOnly.FromDateTime(moment.UtcDateTime)) : null;
}

/// <summary>
/// The rows as the data reader MiniExcel writes from: the columns' headings as field names, each row read as MiniExcel
/// asks for it (asynchronously, so nothing is loaded ahead), each cell made safe as <see cref="ExportFiles.Cell"/> says.
/// </summary>
internal sealed class ExportDataReader<T>(IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken ct) : MiniExcelDataReaderBase
{
    private readonly IAsyncEnumerator<T> _rows = rows.GetAsyncEnumerator(ct);

    public override int FieldCount => columns.Count;

    public override string GetName(int i) => columns[i].Name;

    public override int GetOrdinal(string name) => columns.Select((c, i) => (c, i)).First(x => x.c.Name == name).i;

    public override object GetValue(int i) => ExportFiles.Cell(columns[i].Value(_rows.Current)) ?? DBNull.Value;

    public override bool Read() => throw new NotSupportedException("The export reads its rows asynchronously.");

    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => _rows.MoveNextAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await _rows.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>
/// The response body as MiniExcel's zip writer sees it. The rows go out through <see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>
/// as they are written; the few writes the zip archive makes synchronously (its closing central directory, which
/// the server refuses to take synchronously) are held and sent, in order, before the next asynchronous write or on
/// <see cref="FlushAsync(CancellationToken)"/>.
/// </summary>
internal sealed class AsyncOnlyStream(Stream inner) : Stream
{
    private readonly MemoryStream _held = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => _held.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _held.Write(buffer);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendHeldAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        // Held until the next asynchronous write or flush.
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendHeldAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _held.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task SendHeldAsync(CancellationToken cancellationToken)
    {
        if (_held.Length == 0)
        {
            return;
        }

        await inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken);
        _held.SetLength(0);
    }
}
