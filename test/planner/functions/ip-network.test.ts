import { test } from "uvu";
import { fails, isUnknown, results } from "./call.js";

test("cidrhost, including IPv6, negative host numbers and leading zeros", () => {
  results([
    ['cidrhost("10.12.112.0/20", 16)', "10.12.112.16"],
    ['cidrhost("10.12.112.0/20", 268)', "10.12.113.12"],
    ['cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', "fd00:fd12:3456:7890::22"],
    ['cidrhost("192.168.1.0/24", 5)', "192.168.1.5"],
    ['cidrhost("192.168.1.0/24", -5)', "192.168.1.251"],
    ['cidrhost("192.168.1.0/24", -256)', "192.168.1.0"],
    ['cidrhost("010.001.0.0/24", 6)', "10.1.0.6"],
    ['cidrhost("10.0.0.7/8", 1)', "10.0.0.1"],
  ]);
  fails(
    'cidrhost("192.168.1.0/30", 255)',
    'Call to function "cidrhost" failed: prefix of 30 does not accommodate a host numbered 255.',
  );
  fails('cidrhost("192.168.1.0/30", -255)', /does not accommodate a host numbered -255/);
  fails('cidrhost("not-a-cidr", 6)', /invalid CIDR expression: invalid CIDR address: not-a-cidr/);
  fails('cidrhost("10.256.0.0/8", 6)', /invalid CIDR expression/);
  fails('cidrhost("10.0.0.0/8", 0.75)', /whole number/);
});

test("cidrnetmask", () => {
  results([
    ['cidrnetmask("172.16.0.0/12")', "255.240.0.0"],
    ['cidrnetmask("192.168.1.0/32")', "255.255.255.255"],
    ['cidrnetmask("0.0.0.0/0")', "0.0.0.0"],
    ['cidrnetmask("010.001.0.0/24")', "255.255.255.0"],
  ]);
  fails('cidrnetmask("1::/64")', /IPv6 addresses cannot have a netmask: 1::\/64/);
});

test("cidrsubnet", () => {
  results([
    ['cidrsubnet("172.16.0.0/12", 4, 2)', "172.18.0.0/16"],
    ['cidrsubnet("10.1.2.0/24", 4, 15)', "10.1.2.240/28"],
    ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', "fd00:fd12:3456:7800:a200::/72"],
    ['cidrsubnet("192.168.2.0/20", 4, 6)', "192.168.6.0/24"],
    ['cidrsubnet("fe80::/48", 16, 6)', "fe80:0:0:6::/64"],
    ['cidrsubnet("::ffff:192.168.0.0/112", 8, 6)', "192.168.6.0/24"],
    ['cidrsubnet("fe80::/48", 33, 6)', "fe80::3:0:0:0/81"],
    ['cidrsubnet("010.001.0.0/24", 4, 1)', "10.1.0.16/28"],
  ]);
  fails('cidrsubnet("192.168.0.0/30", 4, 6)', /insufficient address space to extend prefix of 30 by 4/);
  fails('cidrsubnet("192.168.0.0/168", 2, 16)', /invalid CIDR expression/);
  fails('cidrsubnet("10.0.0.0/8", 2, 4)', /prefix extension of 2 does not accommodate a subnet numbered 4/);
});

test("cidrsubnets allocates consecutive subnets", () => {
  results([
    ['cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]],
    [
      'cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)',
      [
        "fd00:fd12:3456:7800::/72",
        "fd00:fd12:3456:7800:100::/72",
        "fd00:fd12:3456:7800:200::/72",
        "fd00:fd12:3456:7800:300::/88",
      ],
    ],
    [
      'cidrsubnets("10.0.0.0/21", 3, 3, 3, 4, 4, 4, 7, 7, 7)',
      [
        "10.0.0.0/24",
        "10.0.1.0/24",
        "10.0.2.0/24",
        "10.0.3.0/25",
        "10.0.3.128/25",
        "10.0.4.0/25",
        "10.0.4.128/28",
        "10.0.4.144/28",
        "10.0.4.160/28",
      ],
    ],
    ['cidrsubnets("10.0.0.0/8")', []],
  ]);
  fails(
    'cidrsubnets("10.0.0.0/30", 1, 1, 1)',
    /not enough remaining address space for a subnet with a prefix of 31 bits after 10\.0\.0\.2\/31/,
  );
  fails('cidrsubnets("10.0.0.0/8", 0)', /must extend prefix by at least one bit/);
  fails('cidrsubnets("10.0.0.0/8", 25)', /would extend prefix to 33 bits, which is too long for an IPv4 address/);
  fails('cidrsubnets("fe80::/48", 33)', /may not extend prefix by more than 32 bits/);
});

test("unknown arguments", () => {
  isUnknown("cidrhost(var.u, 1)");
  isUnknown('cidrsubnets("10.0.0.0/8", var.u)');
});

test.run();
