using Lifeline.Domain.Primitives;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Demo;

/// <summary>A demo user and the password it was given at this start.</summary>
public sealed record DemoUser(string Username, string Role, string Password);

/// <summary>
/// One user per role in the demo operation. Their passwords are generated afresh at every start of the
/// demo and printed then, so that nothing fixed and guessable ships with Lifeline.
/// </summary>
public static class DemoUsers
{
    private static readonly (string Username, Role Role, string[] Sites)[] People =
    [
        ("demo-administrator", Role.Administrator, []),
        ("demo-coordinator", Role.Coordinator, []),
        ("demo-logistics", Role.LogisticsOfficer, []),
        ("demo-checkpoint", Role.CheckpointOfficer, ["Bustan al-Qasr crossing", "Bustan al-Qasr inner gate"]),
        ("demo-distribution", Role.DistributionOfficer, ["Bustan al-Qasr distribution point"]),
        ("demo-observer", Role.PartnerObserver, []),
        ("demo-auditor", Role.Auditor, []),
    ];

    /// <summary>Creates the demo users that are missing, grants their roles and gives each a new password.</summary>
    public static IReadOnlyList<DemoUser> Ensure(LogStore store, OperationId operation, TimeProvider clock)
    {
        var users = new List<DemoUser>();
        foreach (var (username, role, siteNames) in People)
        {
            var password = Users.GeneratePassword(username);
            var outcome = store.Read(session => Accounts.Find(session, username)) is null
                ? Users.Add(store, username, password, role == Role.Administrator, clock.GetUtcNow())
                : Users.SetPassword(store, username, password, clock.GetUtcNow());
            Require(outcome);
            if (role != Role.Administrator)
            {
                var sites = siteNames.Select(name => store.Read(session => SitesProjection.FindByName(session, operation, name))!.Id.Value).ToList();
                Require(Users.Grant(store, username, operation, role, sites));
            }

            users.Add(new DemoUser(username, role.Name(), password));
        }

        return users;
    }

    private static void Require(UserOutcome outcome)
    {
        if (outcome.Account is null)
        {
            throw new InvalidOperationException($"a demo user was refused: {string.Join("; ", outcome.Rejections)}");
        }
    }
}
