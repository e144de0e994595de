using System.Security.Cryptography;

namespace Audit.Api.Features.RecordKeeping;

/// <summary>The key that signs history anchors: an ECDSA P-256 key in a PEM file outside the database, made on first use.</summary>
public static class AnchorSigningKey
{
    private static readonly Lock Making = new();

    public static ECDsa LoadOrCreate(string file)
    {
        lock (Making)
        {
            var key = ECDsa.Create();
            if (File.Exists(file))
            {
                key.ImportFromPem(File.ReadAllText(file));
                return key;
            }

            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(file, options))
            {
                writer.Write(key.ExportPkcs8PrivateKeyPem());
            }

            return key;
        }
    }
}
