namespace Lifeline.Storage.Protection;

/// <summary>A secret key in a file of its own, readable by its owner only.</summary>
public static class KeyFile
{
    public static byte[] LoadOrCreate(string path, int length)
    {
        if (File.Exists(path))
        {
            var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return key.Length == length
                ? key
                : throw new DataDirectoryException($"key file {path} does not hold a {length * 8}-bit key");
        }

        var created = System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(created));
        }

        return created;
    }
}
