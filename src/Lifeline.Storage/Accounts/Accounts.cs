using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Lifeline.Domain;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Database;

namespace Lifeline.Storage.Accounts;

/// <summary>A user who may sign in. The id, not the username, is what the operation log records.</summary>
/// <summary>A user. <see cref="Language"/> is the language they chose for the pages (<c>en</c>, <c>ar</c>), or null until they choose.</summary>
public sealed record Account(Guid Id, string Username, bool Administrator, DateTimeOffset? DisabledAt, int FailedSignIns, DateTimeOffset? LockedUntil, string? Language = null)
{
    public bool Disabled => DisabledAt is not null;
}

/// <summary>A role a user holds in one operation; for site-limited roles, one assigned site per grant.</summary>
public sealed record Grant(Guid OperationId, Role Role, Guid? SiteId);

/// <summary>An API token for one device or user. Only a hash of its secret is stored.</summary>
public sealed record ApiToken(Guid Id, Guid UserId, string Device, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A browser's signed-in session; its id travels inside the encrypted cookie, and signing out revokes it here.</summary>
public sealed record BrowserSession(Guid Id, Guid UserId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Users, their grants and their API tokens, kept in tables of their own outside the operation log: password
/// and token hashes are secrets, and the log is handed to partners to verify.
/// </summary>
public static partial class Accounts
{
    public const string TokenPrefix = "lifeline_";

    /// <summary>How long a browser session lasts without a request; each request in its second half slides it on.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>The most expired sessions one sign-in deletes, so that pruning is bounded work.</summary>
    public const int SessionsPrunedAtOnce = 100;

    private const string AccountColumns = "id, username, administrator, disabled_at, failed_sign_ins, locked_until, language";

    public static void Create(SqlSession session)
    {
        session.Execute("""
            CREATE TABLE users (
                id              TEXT    PRIMARY KEY,
                username        TEXT    NOT NULL UNIQUE,
                password_hash   TEXT    NOT NULL,
                administrator   INTEGER NOT NULL,
                created_at      INTEGER NOT NULL,
                disabled_at     INTEGER,
                failed_sign_ins INTEGER NOT NULL DEFAULT 0,
                locked_until    INTEGER
            )
            """);
        session.Execute("""
            CREATE TABLE user_grants (
                user_id      TEXT NOT NULL REFERENCES users (id),
                operation_id TEXT NOT NULL,
                role         TEXT NOT NULL,
                site_id      TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (user_id, operation_id, role, site_id)
            ) WITHOUT ROWID
            """);
        session.Execute("""
            CREATE TABLE api_tokens (
                id          TEXT    PRIMARY KEY,
                user_id     TEXT    NOT NULL REFERENCES users (id),
                device      TEXT    NOT NULL,
                token_hash  BLOB    NOT NULL UNIQUE,
                created_at  INTEGER NOT NULL,
                revoked_at  INTEGER
            )
            """);
    }

    /// <summary>The language a user chose for the pages, kept with the account so it follows them to any device.</summary>
    public static void AddLanguage(SqlSession session) => session.Execute("ALTER TABLE users ADD COLUMN language TEXT");

    public static void SetLanguage(SqlSession session, Guid id, string language) =>
        session.Execute("UPDATE users SET language = $language WHERE id = $id", ("$language", language), ("$id", id));

    /// <summary>Why a username is refused, or null: 3 to 64 of a-z, 0-9, '.', '_' and '-'.</summary>
    public static Message? UsernameRefusal(string? username) =>
        username is not null && UsernamePattern().IsMatch(username)
            ? null
            : Reasons.Accounts.UsernameShape.With();

    public static Account Add(SqlSession session, string username, string passwordHash, bool administrator, DateTimeOffset at)
    {
        var id = Guid.CreateVersion7(at);
        session.Execute(
            "INSERT INTO users (id, username, password_hash, administrator, created_at) VALUES ($id, $username, $hash, $admin, $at)",
            ("$id", id),
            ("$username", username),
            ("$hash", passwordHash),
            ("$admin", administrator),
            ("$at", at.ToUnixTimeMilliseconds()));
        return new Account(id, username, administrator, null, 0, null);
    }

    public static Account? Find(SqlSession session, string username) =>
        session.Single($"SELECT {AccountColumns} FROM users WHERE username = $username", ReadAccount, ("$username", username));

    public static Account? Find(SqlSession session, Guid id) =>
        session.Single($"SELECT {AccountColumns} FROM users WHERE id = $id", ReadAccount, ("$id", id));

    public static List<Account> List(SqlSession session) =>
        session.Query($"SELECT {AccountColumns} FROM users ORDER BY username", ReadAccount);

    public static string? PasswordHash(SqlSession session, Guid id) =>
        session.Scalar<string>("SELECT password_hash FROM users WHERE id = $id", ("$id", id));

    /// <summary>
    /// Sets a new password and ends every browser session the account has: a password is changed because the old
    /// one may be known, and a session signed in with it must not outlive it.
    /// </summary>
    public static void SetPassword(SqlSession session, Guid id, string passwordHash, DateTimeOffset at)
    {
        session.Execute("UPDATE users SET password_hash = $hash, failed_sign_ins = 0, locked_until = NULL WHERE id = $id", ("$hash", passwordHash), ("$id", id));
        EndSessions(session, id, at);
    }

    /// <summary>Grants a role in an operation (once per assigned site for site-limited roles); granting twice is harmless.</summary>
    public static void AddGrant(SqlSession session, Guid userId, Grant grant) => session.Execute(
        "INSERT INTO user_grants (user_id, operation_id, role, site_id) VALUES ($user, $op, $role, $site) ON CONFLICT DO NOTHING",
        ("$user", userId),
        ("$op", grant.OperationId),
        ("$role", grant.Role.Name()),
        ("$site", grant.SiteId?.ToString() ?? ""));

    public static List<Grant> Grants(SqlSession session, Guid userId) => session.Query(
        "SELECT operation_id, role, site_id FROM user_grants WHERE user_id = $user ORDER BY operation_id, role, site_id",
        reader => new Grant(
            Guid.Parse(reader.GetString(0)),
            Roles.TryParse(reader.GetString(1), out var role) ? role : throw new InvalidOperationException($"unknown role {reader.GetString(1)}"),
            reader.GetString(2) is { Length: > 0 } site ? Guid.Parse(site) : null),
        ("$user", userId));

    /// <summary>Disables the account and revokes its tokens and browser sessions: nothing signs in as it afterwards.</summary>
    public static void Disable(SqlSession session, Guid id, DateTimeOffset at)
    {
        session.Execute("UPDATE users SET disabled_at = coalesce(disabled_at, $at) WHERE id = $id", ("$at", at.ToUnixTimeMilliseconds()), ("$id", id));
        session.Execute("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $at) WHERE user_id = $id", ("$at", at.ToUnixTimeMilliseconds()), ("$id", id));
        EndSessions(session, id, at);
    }

    public static void RecordFailedSignIn(SqlSession session, Guid id, int failures, DateTimeOffset? lockedUntil) => session.Execute(
        "UPDATE users SET failed_sign_ins = $failures, locked_until = $until WHERE id = $id",
        ("$failures", failures),
        ("$until", lockedUntil?.ToUnixTimeMilliseconds()),
        ("$id", id));

    /// <summary>Issues a token for a device; the secret is returned once and only its hash is kept.</summary>
    public static (ApiToken Token, string Secret) IssueToken(SqlSession session, Guid userId, string device, DateTimeOffset at)
    {
        var secret = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var token = new ApiToken(Guid.CreateVersion7(at), userId, device, at, null);
        session.Execute(
            "INSERT INTO api_tokens (id, user_id, device, token_hash, created_at) VALUES ($id, $user, $device, $hash, $at)",
            ("$id", token.Id),
            ("$user", userId),
            ("$device", device),
            ("$hash", TokenHash(secret)),
            ("$at", at.ToUnixTimeMilliseconds()));
        return (token, secret);
    }

    /// <summary>The live token with this secret and its account, or null when it is unknown, revoked or its account disabled.</summary>
    public static (ApiToken Token, Account Account)? FindLiveToken(SqlSession session, string secret)
    {
        var token = session.Single(
            "SELECT id, user_id, device, created_at, revoked_at FROM api_tokens WHERE token_hash = $hash",
            ReadToken,
            ("$hash", TokenHash(secret)));
        if (token is null || token.RevokedAt is not null)
        {
            return null;
        }

        var account = Find(session, token.UserId);
        return account is null || account.Disabled ? null : (token, account);
    }

    public static ApiToken? FindToken(SqlSession session, Guid tokenId) =>
        session.Single("SELECT id, user_id, device, created_at, revoked_at FROM api_tokens WHERE id = $id", ReadToken, ("$id", tokenId));

    public static List<ApiToken> Tokens(SqlSession session, Guid userId) =>
        session.Query("SELECT id, user_id, device, created_at, revoked_at FROM api_tokens WHERE user_id = $user ORDER BY created_at", ReadToken, ("$user", userId));

    public static void RevokeToken(SqlSession session, Guid tokenId, DateTimeOffset at) =>
        session.Execute("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $at) WHERE id = $id", ("$at", at.ToUnixTimeMilliseconds()), ("$id", tokenId));

    /// <summary>
    /// A cookie is only a sealed copy of what the server said at sign-in and stays valid until it expires; a row
    /// per session lets sign-out end it for good, even for a copy of the cookie saved before.
    /// </summary>
    public static void AddSessions(SqlSession session) => session.Execute("""
        CREATE TABLE user_sessions (
            id          TEXT    PRIMARY KEY,
            user_id     TEXT    NOT NULL REFERENCES users (id),
            created_at  INTEGER NOT NULL,
            revoked_at  INTEGER
        )
        """);

    /// <summary>
    /// When each session's cookie expires, kept up to date as the cookie slides, so that sessions nobody can use any
    /// more are pruned instead of piling up: a user who never signs out leaves a row per sign-in. Sessions from
    /// before this change are given the lifetime from their sign-in; one still in use past it signs in again once.
    /// </summary>
    public static void AddSessionExpiry(SqlSession session)
    {
        session.Execute("ALTER TABLE user_sessions ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0");
        session.Execute("UPDATE user_sessions SET expires_at = created_at + $lifetime", ("$lifetime", (long)SessionLifetime.TotalMilliseconds));
        session.Execute("CREATE INDEX user_sessions_by_expiry ON user_sessions (expires_at)");
    }

    /// <summary>Starts a session that expires <see cref="SessionLifetime"/> from now, and prunes a bounded number of expired ones.</summary>
    public static BrowserSession StartSession(SqlSession session, Guid userId, DateTimeOffset at)
    {
        PruneExpiredSessions(session, at);
        var started = new BrowserSession(Guid.CreateVersion7(at), userId, at, null);
        session.Execute(
            "INSERT INTO user_sessions (id, user_id, created_at, expires_at) VALUES ($id, $user, $at, $expires)",
            ("$id", started.Id),
            ("$user", userId),
            ("$at", at.ToUnixTimeMilliseconds()),
            ("$expires", (at + SessionLifetime).ToUnixTimeMilliseconds()));
        return started;
    }

    /// <summary>Whether the session exists, belongs to the user, has not been revoked and has not expired.</summary>
    public static bool IsLiveSession(SqlSession session, Guid sessionId, Guid userId, DateTimeOffset now) =>
        session.Scalar<long>(
            "SELECT count(*) FROM user_sessions WHERE id = $id AND user_id = $user AND revoked_at IS NULL AND expires_at > $now",
            ("$id", sessionId),
            ("$user", userId),
            ("$now", now.ToUnixTimeMilliseconds())) == 1;

    /// <summary>Moves a live session's expiry to where its cookie's now slides to; an ended or expired session stays ended.</summary>
    public static void RenewSession(SqlSession session, Guid sessionId, Guid userId, DateTimeOffset now) => session.Execute(
        "UPDATE user_sessions SET expires_at = $expires WHERE id = $id AND user_id = $user AND revoked_at IS NULL AND expires_at > $now AND expires_at < $expires",
        ("$expires", (now + SessionLifetime).ToUnixTimeMilliseconds()),
        ("$id", sessionId),
        ("$user", userId),
        ("$now", now.ToUnixTimeMilliseconds()));

    /// <summary>Ends the user's session; another user's session, or one already ended, is left as it is.</summary>
    public static void EndSession(SqlSession session, Guid sessionId, Guid userId, DateTimeOffset at) => session.Execute(
        "UPDATE user_sessions SET revoked_at = coalesce(revoked_at, $at) WHERE id = $id AND user_id = $user",
        ("$at", at.ToUnixTimeMilliseconds()),
        ("$id", sessionId),
        ("$user", userId));

    /// <summary>Ends every session of the user, in every browser.</summary>
    public static void EndSessions(SqlSession session, Guid userId, DateTimeOffset at) => session.Execute(
        "UPDATE user_sessions SET revoked_at = $at WHERE user_id = $user AND revoked_at IS NULL",
        ("$at", at.ToUnixTimeMilliseconds()),
        ("$user", userId));

    /// <summary>
    /// Deletes up to <see cref="SessionsPrunedAtOnce"/> sessions whose cookie has expired, ended or not (an ended
    /// session's row is kept until then, to say when it ended). More than one per sign-in, so the table shrinks
    /// back to the sessions of the last <see cref="SessionLifetime"/> however many piled up before.
    /// </summary>
    public static void PruneExpiredSessions(SqlSession session, DateTimeOffset now) => session.Execute(
        "DELETE FROM user_sessions WHERE id IN (SELECT id FROM user_sessions WHERE expires_at <= $now ORDER BY expires_at LIMIT $limit)",
        ("$now", now.ToUnixTimeMilliseconds()),
        ("$limit", SessionsPrunedAtOnce));

    /// <summary>Tokens carry 256 random bits, so one SHA-256 suffices: there is nothing to guess that a slow hash would protect.</summary>
    private static byte[] TokenHash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static Account ReadAccount(DbDataReader reader) => new(
        Guid.Parse(reader.GetString(0)),
        reader.GetString(1),
        reader.GetInt64(2) != 0,
        Time(reader, 3),
        reader.GetInt32(4),
        Time(reader, 5),
        reader.IsDBNull(6) ? null : reader.GetString(6));

    private static ApiToken ReadToken(DbDataReader reader) => new(
        Guid.Parse(reader.GetString(0)),
        Guid.Parse(reader.GetString(1)),
        reader.GetString(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        Time(reader, 4));

    private static DateTimeOffset? Time(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex UsernamePattern();
}
