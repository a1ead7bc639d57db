package io.cadenza.controlplane.auth;

import org.junit.jupiter.api.Test;

import static io.cadenza.controlplane.auth.AccountRole.ADMIN;
import static io.cadenza.controlplane.auth.AccountRole.DEVELOPER;
import static io.cadenza.controlplane.auth.AccountRole.FINANCE_ADMIN;
import static io.cadenza.controlplane.auth.AccountRole.OWNER;
import static io.cadenza.controlplane.auth.AccountRole.READ_ONLY;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionsTest {

    @Test
    void onlyOwnersAndAdminsManageTheAccountAndReadTheAuditLog() {
        assertThat(Permissions.canManageAccount(OWNER)).isTrue();
        assertThat(Permissions.canManageAccount(ADMIN)).isTrue();
        for (AccountRole role : new AccountRole[]{DEVELOPER, FINANCE_ADMIN, READ_ONLY}) {
            assertThat(Permissions.canManageAccount(role)).as(role.wire()).isFalse();
            assertThat(Permissions.canReadAuditLog(role)).as(role.wire()).isFalse();
            assertThat(Permissions.canSetNamespaceLimits(role)).as(role.wire()).isFalse();
        }
    }

    @Test
    void developersCreateNamespacesButFinanceAndReadOnlyDoNot() {
        assertThat(Permissions.canCreateNamespace(OWNER)).isTrue();
        assertThat(Permissions.canCreateNamespace(ADMIN)).isTrue();
        assertThat(Permissions.canCreateNamespace(DEVELOPER)).isTrue();
        assertThat(Permissions.canCreateNamespace(FINANCE_ADMIN)).isFalse();
        assertThat(Permissions.canCreateNamespace(READ_ONLY)).isFalse();
    }

    @Test
    void onlyAnOwnerGrantsOrTakesAwayOwner() {
        assertThat(Permissions.canAssignRole(OWNER, null, OWNER)).isTrue();
        assertThat(Permissions.canAssignRole(ADMIN, null, OWNER)).isFalse();
        assertThat(Permissions.canAssignRole(ADMIN, OWNER, ADMIN)).isFalse();
        assertThat(Permissions.canAssignRole(ADMIN, DEVELOPER, ADMIN)).isTrue();
        assertThat(Permissions.canAssignRole(DEVELOPER, READ_ONLY, DEVELOPER)).isFalse();
    }

    @Test
    void everyoneManagesTheirOwnApiKeysOnlyOwnersAndAdminsOthers() {
        for (AccountRole role : AccountRole.values()) {
            assertThat(Permissions.canManageApiKey(role, true)).isTrue();
        }
        assertThat(Permissions.canManageApiKey(ADMIN, false)).isTrue();
        assertThat(Permissions.canManageApiKey(DEVELOPER, false)).isFalse();
        assertThat(Permissions.canManageApiKey(FINANCE_ADMIN, false)).isFalse();
    }

    @Test
    void effectiveNamespacePermission() {
        assertThat(Permissions.effective(OWNER, null)).isEqualTo(NamespacePermission.ADMIN);
        assertThat(Permissions.effective(ADMIN, NamespacePermission.READ)).isEqualTo(NamespacePermission.ADMIN);
        assertThat(Permissions.effective(READ_ONLY, null)).isEqualTo(NamespacePermission.READ);
        assertThat(Permissions.effective(READ_ONLY, NamespacePermission.WRITE)).isEqualTo(NamespacePermission.WRITE);
        assertThat(Permissions.effective(DEVELOPER, null)).isNull();
        assertThat(Permissions.effective(DEVELOPER, NamespacePermission.WRITE)).isEqualTo(NamespacePermission.WRITE);
        assertThat(Permissions.effective(FINANCE_ADMIN, null)).isNull();
    }

    @Test
    void permissionsAreOrdered() {
        assertThat(NamespacePermission.ADMIN.includes(NamespacePermission.WRITE)).isTrue();
        assertThat(NamespacePermission.WRITE.includes(NamespacePermission.READ)).isTrue();
        assertThat(NamespacePermission.READ.includes(NamespacePermission.WRITE)).isFalse();
    }
}
