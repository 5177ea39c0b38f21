-- A POST without a body: the bare write (bench/server.py) makes its own row.
wrk.method = "POST"
