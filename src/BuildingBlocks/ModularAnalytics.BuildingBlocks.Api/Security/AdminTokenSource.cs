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
    public const string FileName = "admin-token";

    private readonly byte[] _token;

    public AdminTokenSource(IConfiguration configuration, ILogger<AdminTokenSource> logger)
    {
        var configured = configuration["Auth:AdminToken"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _token = Encoding.UTF8.GetBytes(configured);
            return;
        }

        var directory = StoragePaths.EnsurePrivateDirectory(StoragePaths.ResolveDataDirectory(configuration[StoragePaths.DataDirectoryKey]));
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            StoragePaths.WritePrivateFile(temp, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            try
            {
                File.Move(temp, path, overwrite: false);
                logger.LogInformation("No Auth:AdminToken configured; generated one and stored it in {AdminTokenPath}", path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another replica sharing the directory wrote it first; its token is the one.
                File.Delete(temp);
            }
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
