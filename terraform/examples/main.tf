# A complete Cadenza set-up as code: two namespaces, a search attribute, a worker service account with access to
# both namespaces, its API key and a user in the "managers" business group. terraform/README.md walks through it
# from a fresh ./cadenza dev.
terraform {
  required_providers {
    cadenza = {
      source = "cadenza/cadenza"
    }
  }
}

# endpoint and api_key come from CADENZA_ENDPOINT and CADENZA_API_KEY (an admin's API key) when not set here.
provider "cadenza" {}

variable "manager_email" {
  type    = string
  default = "manager@acme.example"
}

resource "cadenza_namespace" "orders" {
  name              = "orders"
  retention_days    = 14
  delete_protection = true # terraform destroy fails until this is false

  timeouts {
    create = "10m"
  }
}

resource "cadenza_namespace" "billing" {
  name               = "billing"
  retention_days     = 30
  actions_per_second = 200
}

resource "cadenza_namespace_search_attribute" "customer_id" {
  namespace_id = cadenza_namespace.orders.id
  name         = "CustomerId"
  type         = "Keyword"
}

resource "cadenza_service_account" "orders_worker" {
  name         = "orders-worker"
  description  = "Runs the orders and billing workers"
  account_role = "developer"
  namespace_accesses = [
    { namespace_id = cadenza_namespace.orders.id, permission = "write" },
    { namespace_id = cadenza_namespace.billing.id, permission = "read" },
  ]
}

resource "cadenza_apikey" "orders_worker" {
  display_name = "orders worker"
  owner_type   = "service-account"
  owner_id     = cadenza_service_account.orders_worker.id
  expiry_time  = "2027-06-01T00:00:00Z"
}

resource "cadenza_user" "manager" {
  email        = var.manager_email
  account_role = "read-only"
  namespace_accesses = [
    { namespace_id = cadenza_namespace.orders.id, permission = "write" },
  ]
  groups = ["managers"]
}

data "cadenza_namespaces" "all" {
  depends_on = [cadenza_namespace.orders, cadenza_namespace.billing]
}

output "orders_namespace" {
  value = cadenza_namespace.orders.id
}

output "grpc_endpoint" {
  value = cadenza_namespace.orders.grpc_endpoint
}

output "worker_api_key" {
  value     = cadenza_apikey.orders_worker.token
  sensitive = true
}

output "namespaces" {
  value = [for ns in data.cadenza_namespaces.all.namespaces : ns.id]
}
