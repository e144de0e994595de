using Microsoft.AspNetCore.DataProtection;

namespace Audit.Api.Infrastructure;

/// <summary>
/// Data Protection built on first use (<see cref="StartupWork.WithDataProtectionOnFirstUse"/>): a protector made at
/// start (antiforgery's, the cookies', the temp data's) holds only its purposes until it first protects or unprotects
/// something; then the real provider is made, with its key manager and key ring, and the protector asks it for the same
/// chain of purposes. What is protected, with which keys, and how they are shared, are the real provider's.
/// </summary>
internal sealed class LazyDataProtectionProvider(Func<IDataProtectionProvider> make) : IDataProtectionProvider
{
    private readonly Lazy<IDataProtectionProvider> _real = new(make, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the real provider has been made.</summary>
    public bool IsBuilt => _real.IsValueCreated;

    public IDataProtector CreateProtector(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return _real.IsValueCreated ? _real.Value.CreateProtector(purpose) : new LazyDataProtector(() => _real.Value.CreateProtector(purpose));
    }

    private sealed class LazyDataProtector(Func<IDataProtector> make) : IPersistedDataProtector
    {
        private readonly Lazy<IDataProtector> _real = new(make, LazyThreadSafetyMode.ExecutionAndPublication);

        public IDataProtector CreateProtector(string purpose)
        {
            ArgumentNullException.ThrowIfNull(purpose);
            return _real.IsValueCreated ? _real.Value.CreateProtector(purpose) : new LazyDataProtector(() => _real.Value.CreateProtector(purpose));
        }

        public byte[] Protect(byte[] plaintext) => _real.Value.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData) => _real.Value.Unprotect(protectedData);

        public byte[] DangerousUnprotect(byte[] protectedData, bool ignoreRevocationErrors, out bool requiresMigration, out bool wasRevoked) =>
            _real.Value is IPersistedDataProtector persisted
                ? persisted.DangerousUnprotect(protectedData, ignoreRevocationErrors, out requiresMigration, out wasRevoked)
                : throw new NotSupportedException("The data protector does not read persisted data.");
    }
}
