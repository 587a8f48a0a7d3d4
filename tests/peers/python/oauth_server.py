#!/usr/bin/env python3
"""An OAuth-protected MCP server on the official Python SDK (`mcp` 2.3.x), used
to test baton's OAuth 2.1 client (`baton mcp login`, token refresh).

Usage:
    oauth_server.py [--port N] [--token-ttl SECONDS]

Run it with the peers' virtualenv python ($BATON_PEER_PYTHON). It binds
127.0.0.1 only (port 0: the OS picks one) and is both the authorization server
and the resource server, using the SDK's `mcp.server.auth` routes:

    /.well-known/oauth-protected-resource/mcp   RFC 9728 metadata
    /.well-known/oauth-authorization-server     RFC 8414 metadata
    /register  /authorize  /token  /revoke      DCR, PKCE code flow, refresh
    /mcp                                        Streamable HTTP, bearer token required

Authorization is approved at once: /authorize redirects straight back to the
client's redirect_uri with a code and the client's state, as a browser would
after the user clicked "allow". Access tokens live --token-ttl seconds (default
2), so a client that keeps working must refresh. Refresh tokens rotate.

Once it accepts connections it prints `listening on URL` (the /mcp URL) to
stderr. Each token event is logged to stderr as `token: <event>` without the
token itself.

Tools:
    echo(text)     -> text
    token_stats()  -> {"issued": n, "refreshed": n, "client": id}: evidence for tests
    revoke_all()   -> revokes every access and refresh token (the next request gets 401,
                      and refreshing is refused): to test how a client copes
"""

from __future__ import annotations

import argparse
import secrets
import socket
import sys
import time

import anyio
import uvicorn
from mcp.server import MCPServer
from mcp.server.auth.provider import (
    AccessToken,
    AuthorizationCode,
    AuthorizationParams,
    RefreshToken,
    TokenError,
    construct_redirect_uri,
)
from mcp.server.auth.settings import AuthSettings, ClientRegistrationOptions, RevocationOptions
from mcp.server.mcpserver import Context
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken

SCOPE = "mcp"


def log(message: str) -> None:
    print(f"[oauth-peer] {message}", file=sys.stderr, flush=True)


class AutoApproveProvider:
    """An in-memory authorization server that approves every request."""

    def __init__(self, token_ttl: int) -> None:
        self.token_ttl = token_ttl
        self.clients: dict[str, OAuthClientInformationFull] = {}
        self.codes: dict[str, AuthorizationCode] = {}
        self.access: dict[str, AccessToken] = {}
        self.refresh: dict[str, RefreshToken] = {}
        self.issued = 0
        self.refreshed = 0
        self.last_client = ""

    async def get_client(self, client_id: str) -> OAuthClientInformationFull | None:
        return self.clients.get(client_id)

    async def register_client(self, client_info: OAuthClientInformationFull) -> None:
        assert client_info.client_id is not None
        self.clients[client_info.client_id] = client_info
        log(f"token: registered client {client_info.client_id}")

    async def authorize(self, client: OAuthClientInformationFull, params: AuthorizationParams) -> str:
        code = secrets.token_urlsafe(24)
        assert client.client_id is not None
        self.codes[code] = AuthorizationCode(
            code=code,
            scopes=params.scopes or [SCOPE],
            expires_at=time.time() + 300,
            client_id=client.client_id,
            code_challenge=params.code_challenge,
            redirect_uri=params.redirect_uri,
            redirect_uri_provided_explicitly=params.redirect_uri_provided_explicitly,
            resource=params.resource,
        )
        log("token: authorization approved")
        return construct_redirect_uri(str(params.redirect_uri), code=code, state=params.state)

    async def load_authorization_code(
        self, client: OAuthClientInformationFull, authorization_code: str
    ) -> AuthorizationCode | None:
        code = self.codes.get(authorization_code)
        if code is None or code.client_id != client.client_id:
            return None
        return code

    def _issue(self, client_id: str, scopes: list[str], resource: str | None) -> OAuthToken:
        access = secrets.token_urlsafe(24)
        refresh = secrets.token_urlsafe(24)
        self.access[access] = AccessToken(
            token=access,
            client_id=client_id,
            scopes=scopes,
            expires_at=int(time.time()) + self.token_ttl,
            resource=resource,
        )
        self.refresh[refresh] = RefreshToken(token=refresh, client_id=client_id, scopes=scopes, resource=resource)
        self.last_client = client_id
        return OAuthToken(
            access_token=access,
            expires_in=self.token_ttl,
            scope=" ".join(scopes),
            refresh_token=refresh,
        )

    async def exchange_authorization_code(
        self, client: OAuthClientInformationFull, authorization_code: AuthorizationCode
    ) -> OAuthToken:
        self.codes.pop(authorization_code.code, None)
        self.issued += 1
        log("token: code exchanged")
        assert client.client_id is not None
        return self._issue(client.client_id, authorization_code.scopes, authorization_code.resource)

    async def load_refresh_token(self, client: OAuthClientInformationFull, refresh_token: str) -> RefreshToken | None:
        token = self.refresh.get(refresh_token)
        if token is None or token.client_id != client.client_id:
            return None
        return token

    async def exchange_refresh_token(
        self, client: OAuthClientInformationFull, refresh_token: RefreshToken, scopes: list[str]
    ) -> OAuthToken:
        if self.refresh.pop(refresh_token.token, None) is None:
            raise TokenError(error="invalid_grant", error_description="refresh token revoked")
        self.refreshed += 1
        log("token: refreshed")
        assert client.client_id is not None
        return self._issue(client.client_id, scopes or refresh_token.scopes, refresh_token.resource)

    async def load_access_token(self, token: str) -> AccessToken | None:
        found = self.access.get(token)
        if found is None:
            return None
        if found.expires_at is not None and found.expires_at < time.time():
            log("token: expired access token refused")
            return None
        return found

    async def revoke_token(self, token: AccessToken | RefreshToken) -> None:
        self.access.pop(token.token, None)
        self.refresh.pop(token.token, None)

    def revoke_everything(self) -> None:
        self.access.clear()
        self.refresh.clear()
        log("token: everything revoked")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token-ttl", type=int, default=2)
    args = parser.parse_args()

    host = "127.0.0.1"
    # Bind first: the issuer and resource URLs must name the real port.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, args.port))
    port = sock.getsockname()[1]
    base = f"http://{host}:{port}"

    provider = AutoApproveProvider(args.token_ttl)
    mcp = MCPServer(
        "baton-oauth-peer",
        version="1.0.0",
        log_level="WARNING",
        auth_server_provider=provider,
        auth=AuthSettings(
            issuer_url=base,
            resource_server_url=f"{base}/mcp",
            validate_token_resource=False,
            required_scopes=[SCOPE],
            client_registration_options=ClientRegistrationOptions(
                enabled=True, valid_scopes=[SCOPE], default_scopes=[SCOPE]
            ),
            revocation_options=RevocationOptions(enabled=True),
        ),
    )

    @mcp.tool(description="Echoes the text back.")
    def echo(text: str) -> str:
        return text

    @mcp.tool(description="How many tokens the server issued and refreshed.")
    def token_stats(ctx: Context) -> dict:
        return {"issued": provider.issued, "refreshed": provider.refreshed, "client": provider.last_client}

    @mcp.tool(description="Revokes every access and refresh token.")
    def revoke_all() -> str:
        provider.revoke_everything()
        return "revoked"

    app = mcp.streamable_http_app(streamable_http_path="/mcp", host=host)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))

    async def run() -> None:
        async with anyio.create_task_group() as tg:
            tg.start_soon(lambda: server.serve(sockets=[sock]))
            while not server.started:
                await anyio.sleep(0.02)
            print(f"listening on {base}/mcp", file=sys.stderr, flush=True)

    anyio.run(run)


if __name__ == "__main__":
    main()
