"""Login texts that real devices show and that a careless prompt matcher takes for a prompt."""

from __future__ import annotations

# Legal notice as found on managed switches: prompt-like line ends (`#`, `>`), the words a
# login script waits for (`Username:`, `Password:`, `login:`), and `[edit]`, but no pager.
HOSTILE_BANNER = """\
##############################################################################
#                  ACME SAS - AUTHORIZED ACCESS ONLY                         #
##############################################################################
This device is the property of Acme SAS and is operated on its behalf by
Example MSP. Access is restricted to personnel authorized by the Network
Operations Center; every session and every command is logged.
Unauthorized access is prohibited (French Penal Code, article 323-1) and
will be reported to law enforcement.

Username: is your personal corporate account, never a shared login:
Password: is your TACACS+ one-time password. Do not reuse a password
here that you use anywhere else; the NOC will never ask for your password.

If you reached a prompt such as  core-sw-1#  or  core-sw-1>  without
being asked for a password, disconnect at once and call the NOC.
Changes outside an approved change window are forbidden:
   change-board>
   approvals#
login: attempts are rate-limited; three failures lock the account.
By continuing you consent to monitoring. If you do not consent, log out:
netops@edge-1>
admin@core-sw-1#
[edit]
##############################################################################
"""
