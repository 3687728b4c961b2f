# A Terraform user's configuration, run by gantry unchanged: HCL, variables
# with type constraints, for expressions, template directives, gantry's own
# resource types beside the null provider's and Terraform's built-in ones, and
# a local-exec provisioner.
#
#   gantry init examples/terraform
#   gantry apply -auto-approve examples/terraform
#   gantry output -json examples/terraform
#   echo 'gantry_file.page["about"].path' | gantry console examples/terraform
#   gantry destroy -auto-approve examples/terraform

terraform {
  required_version = ">= 1.5"
  required_providers {
    gantry = { source = "gantry/gantry" }
    null   = { source = "hashicorp/null" }
  }
}

variable "pages" {
  description = "Pages to publish, by file name"
  type = map(object({
    title  = string
    weight = optional(number, 1)
  }))
  default = {
    index = { title = "Home" }
    about = { title = "About", weight = 2 }
  }
}

locals {
  # page names, lightest first
  order = [for name, p in var.pages : name if p.weight < 10]
}

resource "gantry_host" "web" {
  driver  = "local"
  address = "127.0.82.1"
}

resource "gantry_file" "page" {
  for_each = var.pages
  host     = gantry_host.web
  path     = "/srv/www/${each.key}.html"
  content  = <<-EOT
    <h1>${each.value.title}</h1>
    %{for n in local.order}<a href="${n}.html">${n}</a> %{endfor}
  EOT
}

resource "terraform_data" "release" {
  input = sha256(join("", [for f in gantry_file.page : f.content]))
}

resource "null_resource" "announce" {
  triggers = {
    release = terraform_data.release.output
  }

  provisioner "local-exec" {
    command = "echo release ${substr(self.triggers.release, 0, 12)} published"
  }
}

output "pages" {
  value = { for k, f in gantry_file.page : k => f.path }
}
