// svc-expect: local/no-axios "import of axios"
import axios from "axios";
// svc-expect: local/no-axios "import of got"
import got from "got";
// svc-ok: local/no-axios
import { http } from "@acme/http";

export const clients = { axios, got, http };
