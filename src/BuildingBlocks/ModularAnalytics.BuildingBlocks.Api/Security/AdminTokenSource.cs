using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Configuration;

namespace ModularAnalytics.BuildingBlocks.Api.Security;

/// <summary>
/// The admin token: `Auth:AdminToken` when configured, else generated once and kept in the data directory
/// so that it survives restarts without ever being printed.
/// </summary>
public sealed class AdminTokenSource
{
    private readonly byte[] _token;

    public AdminTokenSource(IConfiguration configuration, ILogger<AdminTokenSource> logger)
    {
        var configured = configuration["Auth:AdminToken"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _token = Encoding.UTF8.GetBytes(configured);
            return;
        }

        var directory = StoragePaths.ResolveDataDirectory(configuration[StoragePaths.DataDirectoryKey]);
        var path = Path.Combine(directory, "admin-token");
        Directory.CreateDirectory(directory);
        if (!File.Exists(path))
        {
            var generated = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var temp = path + ".tmp";
            File.WriteAllText(temp, generated);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temp, path, overwrite: false);
            logger.LogWarning("No Auth:AdminToken configured; generated one and stored it in {AdminTokenPath}", path);
        }
        else
        {
            logger.LogInformation("Using the admin token stored in {AdminTokenPath}", path);
        }

        _token = Encoding.UTF8.GetBytes(File.ReadAllText(path).Trim());
    }

    public bool Matches(string candidate)
    {
        var bytes = Encoding.UTF8.GetBytes(candidate);
        return CryptographicOperations.FixedTimeEquals(bytes, _token);
    }
}
