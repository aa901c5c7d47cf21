"""nginx in front of several Rasa instances (`make cluster`).

- REST, WeChat and the HTTP API go to any instance (least connections): the
  tracker store (PostgreSQL), the lock store, rate limits and WeChat's retry
  memory (Redis) are shared, so an instance holds nothing a conversation needs.
  A request that cannot reach an instance (refused, a killed or restarting one)
  goes to the next; one that was already sent is not repeated (POST is not
  idempotent), so it fails at the client, which sends it again.
- socket.io (the web page) is sticky by client address (ip_hash). An engine.io
  session lives in the process that opened it: its long-polling requests must
  all reach that process, and Rasa's socket.io channel answers on the socket a
  message came in on. Sticky routing needs no shared socket.io manager (Rasa
  3.6 has no setting for one); when an instance dies its clients reconnect
  and land on another one, and their conversation is there (PostgreSQL).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

MAX_BODY = "64k"  # the same bound as the socket.io channel's packets


def render(listen: str, rasa_ports: Sequence[int], prefix: Path, *, down: Sequence[int] = (),
           fail_timeout_s: int = 5) -> str:
    """`down`: ports of instances still loading their model (restarted after a crash):
    nginx sends them nothing until they answer."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout={fail_timeout_s}s"
                        f"{' down' if p in down else ''};" for p in rasa_ports)
    return f"""# written by serving/cluster.py for `make cluster`; changes are overwritten
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;

events {{
    worker_connections 2048;
}}

http {{
    # which instance answered each request ($upstream_addr): the cluster tests read it
    log_format upstream '$remote_addr $request_method $uri $status $upstream_addr $request_time';  # no query: WeChat's carries an OpenID
    access_log {prefix}/access.log upstream;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    client_max_body_size {MAX_BODY};
    client_body_buffer_size {MAX_BODY};  # bodies stay in memory
    server_tokens off;

    upstream rasa {{
        least_conn;
{servers}
        keepalive 32;
    }}

    upstream rasa_sticky {{
        ip_hash;
{servers}
    }}

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      '';
    }}

    server {{
        listen {listen};

        proxy_http_version 1.1;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $remote_addr;  # the rate limits count the real client
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_read_timeout 60s;
        proxy_next_upstream error timeout http_502 http_503;
        proxy_next_upstream_tries 2;

        location = /nginx-health {{
            access_log off;
            return 200 "ok\\n";
        }}

        location /socket.io/ {{
            proxy_pass http://rasa_sticky;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1h;  # a websocket stays open while the page is
        }}

        location / {{
            proxy_pass http://rasa;
            proxy_set_header Connection "";
        }}
    }}
}}
"""
