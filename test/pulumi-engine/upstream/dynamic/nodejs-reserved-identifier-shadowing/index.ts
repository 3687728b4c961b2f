// Copyright 2024, Pulumi Corporation.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

import { Input, CustomResourceOptions, output } from "@pulumi/pulumi"
import { ResourceProvider, Resource } from "@pulumi/pulumi/dynamic"

interface ReproResourceInputs {
  example: Input<string>
}

interface ReproInputs {
  example: string
}

class ReproProvider implements ResourceProvider {
  async create(inputs: ReproInputs) {
    return {
      id: "nothing",
      outs: {
        example: `${output.name} ${inputs.example}`,
      }
    }
  }
}

const p = new ReproProvider()

class Repro extends Resource {
  constructor(name: string, args: ReproResourceInputs, opts?: CustomResourceOptions) {
    super(p, name, args, opts)
  }
}

new Repro("test", { example: "words"})
